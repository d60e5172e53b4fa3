#include "core/io/scheduler_section.h"

#include "core/io/design_file.h"
#include "core/train/scheduler_table.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace linearlab::io {

namespace {

using train::SchedulerValueKind;

[[noreturn]] void fail(const std::string& field, const std::string& what, const QJsonValue& got) {
    throw DesignError(field + ": expected " + what + ", got " + quoteJsonValue(got));
}

bool isInteger(const QJsonValue& v) {
    const double d = v.toDouble();
    return v.isDouble() && d == std::floor(d) && std::abs(d) <= 9.0e15;
}

train::SchedulerValue readValue(train::SchedulerKeyword k, const QJsonValue& v,
                                const std::string& field) {
    switch (train::keywordKind(k)) {
        case SchedulerValueKind::Integer:
            if (!isInteger(v))
                fail(field, "an integer", v);
            return static_cast<long long>(v.toDouble());
        case SchedulerValueKind::Number:
            if (!v.isDouble() || !std::isfinite(v.toDouble()))
                fail(field, "a number", v);
            return v.toDouble();
        case SchedulerValueKind::Flag:
            if (!v.isBool())
                fail(field, "true or false", v);
            return v.toBool();
        case SchedulerValueKind::Choice:
            if (!v.isString())
                fail(field, "a string", v);
            return v.toString().toStdString();
        case SchedulerValueKind::IntegerList: {
            if (!v.isArray())
                fail(field, "a list of integers", v);
            std::vector<long long> list;
            for (const QJsonValue& e : v.toArray()) {
                if (!isInteger(e))
                    fail(field, "a list of integers", v);
                list.push_back(static_cast<long long>(e.toDouble()));
            }
            return list;
        }
    }
    fail(field, "a value", v);
}

QJsonValue toJson(const train::SchedulerValue& value) {
    if (const auto* i = std::get_if<long long>(&value))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    if (const auto* b = std::get_if<bool>(&value))
        return *b;
    if (const auto* s = std::get_if<std::string>(&value))
        return QString::fromStdString(*s);
    QJsonArray list;
    for (long long m : std::get<std::vector<long long>>(value))
        list.append(static_cast<double>(m));
    return list;
}

}  // namespace

train::SchedulerOptions schedulerFromJson(const QJsonObject& section) {
    train::SchedulerOptions o;
    const QJsonValue type = section.value("type");
    if (!type.isString())
        fail("scheduler.type", "the name of a torch.optim.lr_scheduler class", type);
    o.type = type.toString().toStdString();
    const train::SchedulerInfo* info = train::findScheduler(o.type);
    for (auto it = section.begin(); it != section.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (key == "type" || !info)
            continue;
        const std::string field = "scheduler." + key;
        const auto k = train::findSchedulerKeyword(key);
        if (!k || !info->takes(*k))
            throw DesignError(field + ": " + o.type +
                              ".__init__() got an unexpected keyword argument '" + key + "'");
        o.keywords[*k] = readValue(*k, it.value(), field);
    }
    try {
        train::checkScheduler(o);
    } catch (const train::SchedulerError& e) {
        throw DesignError(e.what());
    }
    return o;
}

QJsonObject schedulerToJson(const train::SchedulerOptions& options) {
    QJsonObject section{{"type", QString::fromStdString(options.type)}};
    for (const auto& [k, value] : options.keywords)
        section[train::keywordName(k)] = toJson(value);
    return section;
}

QJsonObject schedulerStateToJson(const train::SchedulerState& state) {
    return QJsonObject{
        {"type", QString::fromStdString(state.type)},
        {"last_epoch", static_cast<double>(state.lastEpoch)},
        {"base_lr", state.baseLr},
        {"lr", state.lr},
        {"best", std::isfinite(state.best) ? QJsonValue(state.best) : QJsonValue()},
        {"num_bad_epochs", static_cast<double>(state.numBadEpochs)},
        {"cooldown_counter", static_cast<double>(state.cooldownCounter)},
    };
}

train::SchedulerState schedulerStateFromJson(const QJsonValue& value,
                                             const train::SchedulerOptions& scheduler) {
    const std::string path = "history.scheduler";
    if (!value.isObject())
        fail(path, "an object", value);
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const char* const kKnown[] = {"type", "last_epoch",     "base_lr",         "lr",
                                             "best", "num_bad_epochs", "cooldown_counter"};
        if (std::find(std::begin(kKnown), std::end(kKnown), it.key().toStdString()) ==
            std::end(kKnown))
            throw DesignError(path + "." + it.key().toStdString() + ": unknown field");
    }
    auto integer = [&](const char* key) {
        const QJsonValue v = o.value(key);
        if (!isInteger(v) || v.toDouble() < 0)
            fail(path + "." + key, "a non-negative integer", v);
        return static_cast<long long>(v.toDouble());
    };
    auto number = [&](const char* key) {
        const QJsonValue v = o.value(key);
        if (!v.isDouble())
            fail(path + "." + key, "a number", v);
        return v.toDouble();
    };
    train::SchedulerState s;
    if (!o.value("type").isString())
        fail(path + ".type", "a scheduler's name", o.value("type"));
    s.type = o.value("type").toString().toStdString();
    s.lastEpoch = integer("last_epoch");
    s.baseLr = number("base_lr");
    s.lr = number("lr");
    if (o.value("best").isNull()) {
        const auto mode = train::keywordValueOrDefault(scheduler, train::SchedulerKeyword::mode);
        const bool max = mode && std::get<std::string>(*mode) == "max";
        s.best = (max ? -1 : 1) * std::numeric_limits<double>::infinity();
    } else {
        s.best = number("best");
    }
    s.numBadEpochs = integer("num_bad_epochs");
    s.cooldownCounter = integer("cooldown_counter");
    return s;
}

}  // namespace linearlab::io
