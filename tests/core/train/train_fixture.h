#pragma once
// Reads tests/fixtures/train/trajectories.json: PyTorch's 50-step training runs.
#include "core/data/dataset.h"
#include "core/io/design_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace linearlab::testing {

struct TrainCase {
    QString name;
    train::Design design;
    data::Dataset<float> dataset;
    std::vector<double> losses;
    QJsonObject initialStateDict;
};

inline std::vector<TrainCase> loadTrainCases() {
    QFile f(QStringLiteral(LINEARLAB_FIXTURES_DIR) + "/train/trajectories.json");
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot open trajectories.json");
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    std::vector<TrainCase> cases;
    for (const QJsonValue& v : root["cases"].toArray()) {
        const QJsonObject c = v.toObject();
        TrainCase tc;
        tc.name = c["name"].toString();
        tc.design = io::designFromJson(c["design"].toObject());
        const QJsonArray x = c["x"].toArray(), y = c["y"].toArray();
        const bool classification = c["classification"].toBool();
        const int n = x.size(), f = x[0].toArray().size();
        const int k = classification ? 1 : y[0].toArray().size();
        tc.dataset.x.resize(n, f);
        tc.dataset.y.resize(n, k);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < f; ++j)
                tc.dataset.x(i, j) = static_cast<float>(x[i].toArray()[j].toDouble());
            for (int j = 0; j < k; ++j)
                tc.dataset.y(i, j) = static_cast<float>(
                    classification ? y[i].toDouble() : y[i].toArray()[j].toDouble());
        }
        tc.dataset.classification = classification;
        if (classification)
            tc.dataset.numClasses = static_cast<nn::Index>(tc.dataset.y.maxCoeff()) + 1;
        for (const QJsonValue& l : c["losses"].toArray())
            tc.losses.push_back(l.toDouble());
        tc.initialStateDict = c["initial_state_dict"].toObject();
        cases.push_back(std::move(tc));
    }
    return cases;
}

/// A nested JSON list (a tensor's tolist()) flattened in row-major order.
inline void flatten(const QJsonValue& v, std::vector<float>& out) {
    if (v.isArray()) {
        for (const QJsonValue& e : v.toArray())
            flatten(e, out);
    } else {
        out.push_back(static_cast<float>(v.toDouble()));
    }
}

}  // namespace linearlab::testing
