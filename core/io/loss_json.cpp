#include "core/io/loss_json.h"

#include <QJsonArray>

#include <cmath>

namespace linearlab::io {

std::optional<nn::LossValue> lossValueFromJson(nn::LossKeyword keyword, const QJsonValue& json,
                                               std::string& expected) {
    switch (nn::keywordKind(keyword)) {
        case nn::LossValueKind::Choice:
            expected = "a string";
            if (!json.isString())
                return std::nullopt;
            return json.toString().toStdString();
        case nn::LossValueKind::Integer: {
            expected = "an integer";
            const double i = json.toDouble();
            if (!json.isDouble() || i != std::floor(i) || std::abs(i) > 9.0e15)
                return std::nullopt;
            return static_cast<long long>(i);
        }
        case nn::LossValueKind::Number:
            expected = "a number";
            if (!json.isDouble() || !std::isfinite(json.toDouble()))
                return std::nullopt;
            return json.toDouble();
        case nn::LossValueKind::Numbers: {
            // A 1-D tensor: one number per class, or one for all.
            expected = "a list of numbers";
            std::vector<double> list;
            for (const QJsonValue& e : json.toArray()) {
                if (!e.isDouble() || !std::isfinite(e.toDouble()))
                    return std::nullopt;
                list.push_back(e.toDouble());
            }
            if (!json.isArray() || list.empty())
                return std::nullopt;
            return list;
        }
    }
    return std::nullopt;
}

std::string onlyLossesTaking(nn::LossKeyword keyword) {
    std::vector<std::string> names;
    for (const nn::LossInfo& info : nn::lossTable())
        if (info.takes(keyword))
            names.push_back(info.name);
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return "only " + list + (names.size() == 1 ? " takes " : " take ") + nn::keywordName(keyword);
}

QJsonValue lossValueToJson(const nn::LossValue& value) {
    if (const auto* s = std::get_if<std::string>(&value))
        return QString::fromStdString(*s);
    if (const auto* i = std::get_if<long long>(&value))
        return static_cast<double>(*i);
    if (const auto* x = std::get_if<double>(&value))
        return *x;
    QJsonArray list;
    for (double x : std::get<std::vector<double>>(value))
        list.append(x);
    return list;
}

}  // namespace linearlab::io
