#pragma once
#include <iosfwd>

namespace linearlab::cli {

/// The seed document's example, as its PyTorch snippet prints it:
///   FC = nn.Linear(20, 40); input = torch.randn(128, 20); print(output.size())
int runDemo(std::ostream& out);

}  // namespace linearlab::cli
