#pragma once
// Runs a shell command for a test fixture built by a real tool (git, rpm, ...).
#include <string>

namespace kaiyuan::test {

/// The command's standard output without trailing newlines, or "failed: <command>" when it
/// exits non-zero (so that an ASSERT_EQ on the output names the command).
std::string run_command(const std::string& command);

} // namespace kaiyuan::test
