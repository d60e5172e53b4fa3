#include "core/cli/benchmark.h"

#include "core/cli/benchmark_support.h"
#include "core/cli/commands.h"
#include "core/io/weights_file.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <iostream>
#include <stdexcept>
#include <streambuf>

namespace linearlab::cli {

using namespace bench;

namespace {

// Accepts and drops everything, so that timing `inspect` measures building
// its listing rather than a terminal.
class DiscardingBuffer : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// std::cout into a DiscardingBuffer for the scope's lifetime.
class DiscardedCout {
public:
    DiscardedCout() : m_saved(std::cout.rdbuf(&m_buffer)) {}
    ~DiscardedCout() { std::cout.rdbuf(m_saved); }
    DiscardedCout(const DiscardedCout&) = delete;
    DiscardedCout& operator=(const DiscardedCout&) = delete;

private:
    DiscardingBuffer m_buffer;
    std::streambuf* m_saved;
};

// "0.weight", "1.weight", ...: tiny tensors, so that the time is the per-tensor
// work of the container (headers, names, members) and not the values.
io::StateDict manyTensors(long long count) {
    io::StateDict sd;
    sd.reserve(static_cast<size_t>(count));
    for (long long i = 0; i < count; ++i) {
        io::NamedTensor t;
        t.name = std::to_string(i) + ".weight";
        t.shape = {2};
        t.values = {static_cast<float>(i), -0.5f * static_cast<float>(i)};
        sd.push_back(std::move(t));
    }
    return sd;
}

void benchmarkFormat(const io::StateDict& sd, const QString& path, WeightsBenchmarkResult& r) {
    const auto writeStart = Clock::now();
    io::writeWeights(path, sd);
    r.writeSeconds = secondsSince(writeStart);
    r.fileBytes = QFileInfo(path).size();
    std::vector<double> reads, inspections;
    for (int k = 0; k < r.repeats; ++k) {
        const auto start = Clock::now();
        const io::StateDict back = io::readWeights(path);
        reads.push_back(secondsSince(start));
        // The last tensor too: a reader that stopped early would look fast.
        if (back.size() != sd.size() || (!sd.empty() && back.back() != sd.back()))
            throw std::runtime_error(path.toStdString() + ": read back " +
                                     std::to_string(back.size()) + " tensors, not the " +
                                     std::to_string(sd.size()) + " written");
    }
    for (int k = 0; k < r.repeats; ++k) {
        const DiscardedCout discarded;
        const auto start = Clock::now();
        runInspect({path});
        inspections.push_back(secondsSince(start));
    }
    r.readSeconds = median(reads);
    r.minReadSeconds = *std::min_element(reads.begin(), reads.end());
    r.maxReadSeconds = *std::max_element(reads.begin(), reads.end());
    r.inspectSeconds = median(inspections);
}

}  // namespace

std::string WeightsBenchmarkResult::toJson() const {
    std::string s = "{\"name\": " + jsonString("weights_" + format) +
                    ", \"impl\": \"linearlab\", \"format\": " + jsonString(format) +
                    ", \"tensors\": " + std::to_string(tensors);
    if (!error.empty())
        return s + ", \"error\": " + jsonString(error) + "}";
    return s + ", \"file_bytes\": " + std::to_string(fileBytes) +
           ", \"write_s\": " + jsonNumber(writeSeconds) +
           ", \"read_s\": " + jsonNumber(readSeconds) +
           ", \"min_read_s\": " + jsonNumber(minReadSeconds) +
           ", \"max_read_s\": " + jsonNumber(maxReadSeconds) +
           ", \"inspect_s\": " + jsonNumber(inspectSeconds) +
           ", \"repeats\": " + std::to_string(repeats) + "}";
}

const std::vector<std::string>& weightsBenchmarkFormats() {
    static const std::vector<std::string> formats{"safetensors", "pt", "npz", "json", "csv"};
    return formats;
}

std::vector<WeightsBenchmarkResult> runWeightsBenchmarks(const WeightsBenchmarkOptions& options) {
    std::vector<std::string> formats;
    for (const std::string& f : weightsBenchmarkFormats())
        if (options.format.empty() || options.format == f)
            formats.push_back(f);
    if (formats.empty())
        throw std::invalid_argument("unknown format '" + options.format + "'; expected one of " +
                                    joined(weightsBenchmarkFormats()));
    QTemporaryDir temporary;
    QString dir = QString::fromStdString(options.directory);
    if (dir.isEmpty()) {
        if (!temporary.isValid())
            throw std::runtime_error("cannot create a temporary directory");
        dir = temporary.path();
    } else if (!QDir().mkpath(dir)) {
        throw std::runtime_error(options.directory + ": cannot create the directory");
    }
    const io::StateDict sd = manyTensors(options.tensors);
    std::vector<WeightsBenchmarkResult> results;
    for (const std::string& format : formats) {
        WeightsBenchmarkResult r;
        r.format = format;
        r.tensors = options.tensors;
        r.repeats = std::max(1, options.repeats);
        try {
            benchmarkFormat(sd, QDir(dir).filePath(QString::fromStdString("weights." + format)), r);
        } catch (const std::exception& e) {
            r.error = e.what();
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace linearlab::cli
