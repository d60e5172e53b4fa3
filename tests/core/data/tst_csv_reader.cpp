// CSV import: header and delimiter detection, column choice, class labels,
// standardisation, and every bad input rejected with a message naming the row,
// the column or the file, before anything is handed back.
#include "core/data/csv_reader.h"
#include "data_test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace linearlab::data;
using namespace datatest;

Q_DECLARE_METATYPE(CsvOptions)

class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void init();
    void headerAndRegression();
    void headerlessDetected();
    void textLabelsInOrderOfFirstAppearance();
    void integerLabels();
    void delimiters_data();
    void delimiters();
    void chooseColumns();
    void quotedCellsAndBlankLines();
    void standardize();
    void errors_data();
    void errors();
    void tooManyLabels();
    void overBudgetCheckedBeforeReading();
    void missingFile();
    void failedReadKeepsPrevious();

private:
    std::string write(const QByteArray& content, const QString& name = "data.csv");
    QTemporaryDir m_dir;
};

std::string TestCsvReader::write(const QByteArray& content, const QString& name) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path.toStdString();
}

void TestCsvReader::init() {
    QVERIFY(m_dir.isValid());
}

void TestCsvReader::headerAndRegression() {
    const CsvData r = CsvReader().read(write("x1,x2,y\n1,2,3.5\n-4,5e-1,6\n"));
    QVERIFY(r.hasHeader);
    QCOMPARE(r.delimiter, ',');
    QCOMPARE(r.featureNames, (std::vector<std::string>{"x1", "x2"}));
    QCOMPARE(r.targetName, std::string("y"));
    const Dataset<double>& d = r.dataset;
    QCOMPARE(d.name, std::string("data.csv"));
    QVERIFY(!d.classification);
    QCOMPARE(d.x.rows(), Index{2});
    QCOMPARE(d.x.cols(), Index{2});
    QCOMPARE(d.x(1, 0), -4.0);
    QCOMPARE(d.x(1, 1), 0.5);
    QCOMPARE(d.y.cols(), Index{1});
    QCOMPARE(d.y(0, 0), 3.5);
    QVERIFY(r.featureMean.empty());
}

void TestCsvReader::headerlessDetected() {
    const CsvData r = CsvReader().parse("1,2,0\r\n3,4,1\r\n", "inline");
    QVERIFY(!r.hasHeader);
    QCOMPARE(r.dataset.x.rows(), Index{2});
    QCOMPARE(r.featureNames, (std::vector<std::string>{"0", "1"}));
    QCOMPARE(r.targetName, std::string("2"));
    // A text label column in the first row is not mistaken for a header.
    const CsvData iris = CsvReader().parse("5.1,3.5,setosa\n7.0,3.2,versicolor\n");
    QVERIFY(!iris.hasHeader);
    QCOMPARE(iris.dataset.x.rows(), Index{2});
    // Forced: a numeric first row read as names.
    CsvOptions o;
    o.header = true;
    const CsvData forced = CsvReader(o).parse("10,20,30\n1,2,3\n");
    QCOMPARE(forced.featureNames, (std::vector<std::string>{"10", "20"}));
}

void TestCsvReader::textLabelsInOrderOfFirstAppearance() {
    const CsvData r = CsvReader().parse(
        "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,virginica\n"
        "7,8,versicolor\n");
    const Dataset<double>& d = r.dataset;
    QVERIFY(d.classification);
    QCOMPARE(d.numClasses, Index{3});
    QCOMPARE(d.classNames, (std::vector<std::string>{"virginica", "setosa", "versicolor"}));
    QCOMPARE(d.y(0, 0), 0.0);
    QCOMPARE(d.y(1, 0), 1.0);
    QCOMPARE(d.y(2, 0), 0.0);
    QCOMPARE(d.y(3, 0), 2.0);
}

void TestCsvReader::integerLabels() {
    CsvOptions o;
    o.target = CsvOptions::Target::Classification;
    const CsvData r = CsvReader(o).parse("x,label\n0.5,2\n1.5,0\n2.5,2\n");
    QVERIFY(r.dataset.classification);
    QCOMPARE(r.dataset.numClasses, Index{3});  // index 1 unused but valid, as in PyTorch
    QCOMPARE(r.dataset.classNames, (std::vector<std::string>{"0", "1", "2"}));
    QCOMPARE(r.dataset.y(0, 0), 2.0);
    // Auto reads the same integers as a regression target.
    QVERIFY(!CsvReader().parse("x,label\n0.5,2\n1.5,0\n").dataset.classification);
}

void TestCsvReader::delimiters_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<char>("delimiter");
    QTest::newRow("comma") << QByteArray("a,b\n1,2\n") << ',';
    QTest::newRow("semicolon") << QByteArray("a;b\n1;2\n") << ';';
    QTest::newRow("tab") << QByteArray("a\tb\n1\t2\n") << '\t';
}

void TestCsvReader::delimiters() {
    QFETCH(QByteArray, text);
    QFETCH(char, delimiter);
    const CsvData r = CsvReader().parse(text.toStdString());
    QCOMPARE(r.delimiter, delimiter);
    QCOMPARE(r.dataset.x(0, 0), 1.0);
    QCOMPARE(r.dataset.y(0, 0), 2.0);
}

void TestCsvReader::chooseColumns() {
    const std::string text = "id,x1,label,x2,note\n1,0.1,a,0.2,9\n2,0.3,b,0.4,8\n";
    CsvOptions o;
    o.targetColumn = std::string("label");
    o.featureColumns = {std::string("x2"), Index{1}};
    const CsvData r = CsvReader(o).parse(text);
    QCOMPARE(r.featureNames, (std::vector<std::string>{"x2", "x1"}));
    QCOMPARE(r.dataset.x(1, 0), 0.4);
    QCOMPARE(r.dataset.x(1, 1), 0.3);
    QVERIFY(r.dataset.classification);
    QCOMPARE(r.dataset.classNames, (std::vector<std::string>{"a", "b"}));
    // Target by index; features default to all the other columns.
    CsvOptions byIndex;
    byIndex.targetColumn = Index{4};
    byIndex.featureColumns = {Index{0}, Index{1}, Index{3}};
    const CsvData s = CsvReader(byIndex).parse(text);
    QCOMPARE(s.targetName, std::string("note"));
    QCOMPARE(s.dataset.y(0, 0), 9.0);
}

void TestCsvReader::quotedCellsAndBlankLines() {
    const CsvData r =
        CsvReader().parse("\xEF\xBB\xBF\"x, first\",\"y\"\n\n\"1.5\", 2 \n  \n\"3\",\"4\"\n\n");
    QCOMPARE(r.featureNames, (std::vector<std::string>{"x, first"}));
    QCOMPARE(r.dataset.x.rows(), Index{2});
    QCOMPARE(r.dataset.x(0, 0), 1.5);
    QCOMPARE(r.dataset.y(1, 0), 4.0);
}

void TestCsvReader::standardize() {
    CsvOptions o;
    o.standardize = true;
    const CsvData r = CsvReader(o).parse("a,b,c,y\n1,10,5,0\n2,20,5,1\n3,60,5,0\n");
    QCOMPARE(r.featureMean.size(), size_t{3});
    QCOMPARE(r.featureMean[0], 2.0);
    QCOMPARE(r.featureMean[1], 30.0);
    QCOMPARE(r.featureStd[0], std::sqrt(2.0 / 3.0));  // population std, as StandardScaler
    QCOMPARE(r.featureStd[2], 1.0);                   // constant column: only centred
    const auto& x = r.dataset.x;
    for (Index c = 0; c < 2; ++c) {
        QVERIFY(std::abs(x.col(c).mean()) < 1e-12);
        QVERIFY(std::abs(std::sqrt(x.col(c).array().square().mean()) - 1.0) < 1e-12);
    }
    QCOMPARE(x(0, 2), 0.0);
    QCOMPARE(r.dataset.y(2, 0), 0.0);  // targets untouched
}

void TestCsvReader::errors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<CsvOptions>("options");
    QTest::addColumn<QString>("message");
    const CsvOptions plain;
    QTest::newRow("empty file") << QByteArray() << plain << "data.csv is empty";
    QTest::newRow("only blank lines") << QByteArray("\n \r\n\n") << plain << "data.csv is empty";
    QTest::newRow("ragged row") << QByteArray(
                                       "x1,x2,x3,y\n1,2,3,4\n1,2,3,4\n\n5,6\n1,2,3,4\n"
                                       "1,2,3,4\n7,8,9\n")
                                << plain << "row 5 has 2 columns, expected 4";
    QTest::newRow("non-numeric cell") << QByteArray("x1,x2,y\n1,2,3\n4,abc,6\n") << plain
                                      << "row 3, column 'x2': 'abc' is not a number";
    QTest::newRow("decimal comma")
        << QByteArray("x1;x2;y\n1,5;2;3\n") << plain << "row 2, column 'x1': '1,5' is not a number";
    QTest::newRow("nan") << QByteArray("x1,x2,y\n1,2,3\nnan,2,3\n") << plain
                         << "row 3, column 'x1': 'nan' is not finite";
    QTest::newRow("inf") << QByteArray("x1,x2,y\n1,-inf,3\n") << plain
                         << "row 2, column 'x2': '-inf' is not finite";
    QTest::newRow("overflow") << QByteArray("x1,x2,y\n1,1e999,3\n") << plain
                              << "row 2, column 'x2': '1e999' is not finite";
    QTest::newRow("nan target") << QByteArray("x1,y\n1,2\n2,NaN\n") << plain
                                << "row 3, column 'y': 'NaN' is not finite";
    QTest::newRow("empty cell") << QByteArray("x1,x2,y\n1,,3\n") << plain
                                << "row 2, column 'x2' is empty";
    QTest::newRow("headerless cell")
        << QByteArray("1,2,3\n4,x,6\n7,8,9\n") << plain << "row 2, column '1': 'x' is not a number";
    CsvOptions label;
    label.targetColumn = std::string("label");
    QTest::newRow("missing target")
        << QByteArray("x1,x2,y\n1,2,3\n") << label << "no column 'label'; columns are x1, x2, y";
    CsvOptions feature;
    feature.featureColumns = {std::string("x3")};
    QTest::newRow("missing feature")
        << QByteArray("x1,x2,y\n1,2,3\n") << feature << "no column 'x3'; columns are x1, x2, y";
    CsvOptions index;
    index.targetColumn = Index{3};
    QTest::newRow("target index") << QByteArray("x1,x2,y\n1,2,3\n") << index
                                  << "no column 3; the file has 3 columns (0 to 2)";
    QTest::newRow("target index, one column")
        << QByteArray("y\n1\n3\n") << index << "no column 3; the file has 1 column (0 to 0)";
    CsvOptions both;
    both.targetColumn = std::string("y");
    both.featureColumns = {std::string("x1"), std::string("y")};
    QTest::newRow("target as feature")
        << QByteArray("x1,x2,y\n1,2,3\n") << both << "column 'y' is both a feature and the target";
    QTest::newRow("header only") << QByteArray("x1,x2,y\n") << plain
                                 << "data.csv has a header but no data rows";
    QTest::newRow("single column") << QByteArray("y\n1\n2\n") << plain
                                   << "data.csv has no feature columns besides the target 'y'";
    QTest::newRow("duplicate header")
        << QByteArray("x,x,y\n1,2,3\n") << plain << "column name 'x' appears twice in the header";
    QTest::newRow("unterminated quote")
        << QByteArray("x,y\n\"1,2\n") << plain << "row 2: unterminated quoted cell";
    QTest::newRow("one class") << QByteArray("x,y\n1,a\n2,a\n") << plain
                               << "target column 'y' has a single class";
    CsvOptions regression;
    regression.target = CsvOptions::Target::Regression;
    QTest::newRow("text in regression target") << QByteArray("x,y\n1,2\n2,two\n") << regression
                                               << "row 3, column 'y': 'two' is not a number";
}

void TestCsvReader::errors() {
    QFETCH(QByteArray, text);
    QFETCH(CsvOptions, options);
    QFETCH(QString, message);
    const std::string path = write(text);
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] { CsvReader(options).read(path); }),
                         message.toStdString());
}

void TestCsvReader::tooManyLabels() {
    // Each distinct label becomes an output unit; a column of unique strings is refused.
    std::string text = "x,y\n";
    for (int i = 0; i <= 100001; ++i)
        text += "1,id" + std::to_string(i) + "\n";
    DATA_VERIFY_CONTAINS(messageOf<std::invalid_argument>([&] { CsvReader().parse(text); }),
                         "target column 'y' has more than 100001 distinct labels");
    // A huge number is not taken as a class index (that would mean 10^12 outputs):
    // forced classification reads it as a text label instead.
    CsvOptions o;
    o.target = CsvOptions::Target::Classification;
    const CsvData r = CsvReader(o).parse("x,y\n1,0\n2,1e12\n");
    QCOMPARE(r.dataset.classNames, (std::vector<std::string>{"0", "1e12"}));
}

void TestCsvReader::overBudgetCheckedBeforeReading() {
    // A sparse 2.1 GB file: the size alone must reject it, or the test would read
    // gigabytes of zeros.
    const std::string path = write("x,y\n1,2\n");
    QFile f(QString::fromStdString(path));
    QVERIFY(f.resize(qint64{2100000000}));
    DATA_VERIFY_CONTAINS(messageOf<std::runtime_error>([&] { CsvReader().read(path); }),
                         "data.csv is 2.1 GB, more than the 512 MiB budget");
    CsvOptions small;
    small.memoryBudget = 4;
    const std::string tiny = write("x,y\n1,2\n", "tiny.csv");
    DATA_VERIFY_CONTAINS(messageOf<std::runtime_error>([&] { CsvReader(small).read(tiny); }),
                         "tiny.csv is 8 bytes, more than the 4 bytes budget");
    small.memoryBudget = 8;
    QCOMPARE(CsvReader(small).read(tiny).dataset.size(), Index{1});
}

void TestCsvReader::missingFile() {
    const std::string path = m_dir.filePath("absent.csv").toStdString();
    DATA_VERIFY_CONTAINS(messageOf<std::runtime_error>([&] { CsvReader().read(path); }),
                         "cannot read " + path);
}

void TestCsvReader::failedReadKeepsPrevious() {
    // The GUI keeps its dataset when an import fails: the read either returns a
    // complete result or throws, so assigning from it leaves `current` alone.
    CsvData current = CsvReader().read(write("x,y\n1,2\n3,4\n", "good.csv"));
    const std::string bad = write("x,y\n1,2\n3,oops,5\n", "bad.csv");
    try {
        current = CsvReader().read(bad);
        QFAIL("bad.csv was accepted");
    } catch (const std::invalid_argument&) {
    }
    QCOMPARE(current.dataset.size(), Index{2});
    QCOMPARE(current.dataset.name, std::string("good.csv"));
}

QTEST_APPLESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
