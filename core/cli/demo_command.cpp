#include "core/cli/demo_command.h"

#include "core/nn/init.h"
#include "core/nn/linear.h"

#include <ostream>

namespace linearlab::cli {

int runDemo(std::ostream& out) {
    using namespace linearlab::nn;
    Generator gen(0);  // torch.manual_seed(0)
    Linear<float> fc(LinearOptions(20, 40), gen);
    Tensor<float> input = Tensor<float>::zeros({128, 20});
    init::normalFill(input.values.data(), input.values.size(), 0.0, 1.0, gen);
    const Tensor<float> output = fc(input);
    out << "FC = " << fc.repr() << "\n";
    out << "input = torch.randn(128, 20)  # " << torchSizeString(input.shape) << "\n";
    out << "output = FC(input)\n";
    out << torchSizeString(output.shape) << "\n";
    return 0;
}

}  // namespace linearlab::cli
