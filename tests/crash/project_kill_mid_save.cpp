// Crash safety of project saves: a child process saves ever newer large
// projects in a loop and is killed with SIGKILL at random moments; after each
// kill the file must open as a complete project, and one no older than the last
// save the child reported finished. Nothing saved before is ever lost.
//
// Why this holds: writeProject goes through io::writeFileAtomically, which
// writes a temporary file in the same directory and renames it over the target.
// rename(2) is atomic, so at any instant the path names either the old complete
// file or the new complete one; a kill before the rename leaves only an orphan
// temporary file (or, with O_TMPFILE, nothing), never a half-written project.
//
//   project_kill_mid_save            the test (parent)
//   project_kill_mid_save --child PATH FIRST   the saver, started by the test
#include "core/io/project_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <random>

using namespace linearlab;

namespace {

// Large enough that one save takes tens of milliseconds, so most kills land mid-write.
constexpr nn::Index kRows = 1024, kCols = 2048;

/// Project number k: every value is derived from k, so a reader can tell a
/// complete project k from any mixture of two saves.
io::Project projectNumber(long long k) {
    io::Project p;
    p.design.inputFeatures = kCols;
    nn::LayerSpec linear;
    linear.type = "Linear";
    linear.in_features = kCols;
    linear.out_features = kRows;
    linear.bias = false;
    p.design.layers = {linear};
    io::NamedTensor w;
    w.name = "0.weight";
    w.shape = {kRows, kCols};
    w.values = std::vector<float>(static_cast<size_t>(kRows * kCols));
    for (size_t i = 0; i < w.values.size(); ++i)
        w.values.float32()[i] = static_cast<float>(k) + static_cast<float>(i % 1000) * 0.001f;
    p.weights = io::StateDict{w};
    p.progress.step = k;
    p.progress.epoch = k / 10;
    p.progress.trainHistory = {{static_cast<double>(k), 1.0 / static_cast<double>(k + 1)}};
    return p;
}

/// The project number the file holds; throws when it is not a complete, consistent project k.
long long verify(const QString& path) {
    const io::Project p = io::readProject(path);
    const long long k = p.progress.step;
    const io::Project expected = projectNumber(k);
    if (!p.weights || p.weights->size() != 1 ||
        (*p.weights)[0].values != (*expected.weights)[0].values ||
        p.progress.epoch != expected.progress.epoch || p.progress.trainHistory.size() != 1 ||
        p.progress.trainHistory[0].step != expected.progress.trainHistory[0].step)
        throw std::runtime_error("the file is not a consistent project " + std::to_string(k));
    return k;
}

int runChild(const QString& path, long long first) {
    for (long long k = first;; ++k) {
        const io::Project p = projectNumber(k);  // built before the save starts
        std::printf("begin %lld\n", k);
        std::fflush(stdout);
        io::writeProject(path, p);
        std::printf("saved %lld\n", k);
        std::fflush(stdout);
    }
}

int runParent(const QString& self) {
    QTemporaryDir dir;
    const QString path = dir.filePath("run.linearlab");
    io::writeProject(path, projectNumber(0));
    long long saved = 0;
    int midSave = 0;
    std::mt19937 rng(20240601);
    // Kills go on until kWanted of them land mid-save: how many land before the
    // child's first save depends on how fast it starts (slow under the sanitizers).
    constexpr int kWanted = 10, kMaxKills = 60;
    int kills = 0;
    for (int round = 0; round < kMaxKills && midSave < kWanted; ++round) {
        ++kills;
        QProcess child;
        child.start(self, {"--child", path, QString::number(saved + 1)});
        if (!child.waitForStarted())
            return std::fprintf(stderr, "FAIL: cannot start the saver\n"), 1;
        // Let it save a few times, then kill at a random moment.
        QThread::msleep(std::uniform_int_distribution<int>(50, 600)(rng));
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        child.waitForFinished();
        const QStringList lines =
            QString::fromLatin1(child.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        long long reported = saved;
        bool inSave = false;
        for (const QString& line : lines) {
            inSave = line.startsWith("begin");
            if (line.startsWith("saved "))
                reported = line.mid(6).toLongLong();
        }
        midSave += inSave;
        long long found = -1;
        try {
            found = verify(path);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "FAIL: after kill %d: %s\n", round + 1, e.what());
            return 1;
        }
        // The rename may have happened just before the kill, before "saved" was printed.
        if (found < reported || found > reported + 1) {
            std::fprintf(stderr, "FAIL: after kill %d the file holds project %lld, expected %lld\n",
                         round + 1, found, reported);
            return 1;
        }
        std::printf("kill %2d: %s, file holds project %lld (last reported save %lld)\n", round + 1,
                    inSave ? "mid-save" : "between saves", found, reported);
        saved = found;
    }
    std::printf("%d of %d kills landed mid-save; the file was a complete project every time\n",
                midSave, kills);
    // A test that cannot fail is worse than none: enough kills must hit a save in progress.
    if (midSave < kWanted) {
        std::fprintf(stderr, "FAIL: only %d kills landed mid-save\n", midSave);
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() == 4 && args[1] == "--child")
            return runChild(args[2], args[3].toLongLong());
        return runParent(QCoreApplication::applicationFilePath());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAIL: %s\n", e.what());
        return 1;
    }
}
