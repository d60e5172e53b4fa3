#include "core/train/design.h"

namespace linearlab::train {

bool DataSpec::operator==(const DataSpec& o) const {
    return synthetic == o.synthetic && file == o.file && target == o.target &&
           classification == o.classification && standardize == o.standardize &&
           validation_split == o.validation_split;
}

bool BatchSpec::operator==(const BatchSpec& o) const {
    return size == o.size && shuffle == o.shuffle && drop_last == o.drop_last;
}

bool TrainSpec::operator==(const TrainSpec& o) const {
    return epochs == o.epochs && steps == o.steps;
}

bool Design::operator==(const Design& o) const {
    return inputFeatures == o.inputFeatures && layers == o.layers && seed == o.seed &&
           weightInit == o.weightInit && data == o.data && batch == o.batch && loss == o.loss &&
           lossOptions == o.lossOptions && optimizer == o.optimizer && train == o.train &&
           scheduler == o.scheduler && dtype == o.dtype;
}

Design seedExampleDesign() {
    Design d;
    d.inputFeatures = 20;
    nn::LayerSpec fc;
    fc.type = "Linear";
    fc.in_features = 20;
    fc.out_features = 40;
    d.layers = {fc};
    d.data.synthetic.dataset = "teacher";
    d.data.synthetic.samples = 1024;
    d.batch = {128, true, false};
    d.optimizer.type = "SGD";
    // MSELoss averages over all 40 outputs, which scales each gradient by 1/40:
    // lr 0.5 makes the loss visibly fall within a few seconds of training.
    d.optimizer.lr = 0.5;
    d.train.epochs = 50;
    return d;
}

}  // namespace linearlab::train
