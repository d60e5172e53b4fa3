#include "core/train/design.h"

namespace linearlab::train {

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
