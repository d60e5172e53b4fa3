#pragma once
// A loss keyword's value in a design file's JSON, by the kind the loss table gives
// it: a string, an integer, a number, or a list of numbers (a 1-D tensor).
#include "core/nn/loss_table.h"

#include <QJsonValue>

#include <optional>
#include <string>

namespace linearlab::io {

/// The value `json` holds for `keyword`, or nullopt with `expected` set to what it
/// should have been ("a list of numbers"). A choice is not checked against its
/// choices here.
std::optional<nn::LossValue> lossValueFromJson(nn::LossKeyword keyword, const QJsonValue& json,
                                               std::string& expected);

/// "only HuberLoss takes delta", "only CrossEntropyLoss and BCEWithLogitsLoss take
/// weight": what a design is told when its loss does not take `keyword`.
std::string onlyLossesTaking(nn::LossKeyword keyword);

/// The value as the design file writes it: ints as integers, lists as arrays.
QJsonValue lossValueToJson(const nn::LossValue& value);

}  // namespace linearlab::io
