#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/version/compare.hpp"

#include <iostream>
#include <string>

namespace kaiyuan::cli {

namespace {

struct VersionArgs {
    std::string ecosystem, a, b;
    bool stdin_pairs = false;
};

const char* symbol(int c) {
    return c < 0 ? "<" : c > 0 ? ">" : "=";
}

void run_compare(const VersionArgs& args) {
    auto scheme = version::scheme_for(args.ecosystem);
    if (!scheme) throw CommandError{scheme.error().message};
    if (!args.stdin_pairs) {
        if (args.a.empty() && args.b.empty()) throw CommandError{"give A and B, or --stdin"};
        if (args.b.empty())
            throw CommandError{"the second version (B) is missing: kaiyuan version compare " +
                               args.ecosystem + " " + args.a + " B"};
        auto c = version::compare(*scheme, args.a, args.b);
        if (!c) throw CommandError{c.error().message};
        std::cout << symbol(*c) << "\n";
        return;
    }
    // One "A<TAB>B" per line in, one result per line out, in order.
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto tab = line.find('\t');
        if (tab == std::string::npos) {
            std::cout << "error: no tab between the two versions\n";
            continue;
        }
        auto c = version::compare(*scheme, std::string_view(line).substr(0, tab),
                                  std::string_view(line).substr(tab + 1));
        if (c)
            std::cout << symbol(*c) << "\n";
        else
            std::cout << "error: " << c.error().message << "\n";
    }
}

} // namespace

void register_version(CLI::App& app) {
    auto* cmd = app.add_subcommand("version", "version comparison per ecosystem");
    cmd->require_subcommand(1);
    auto args = std::make_shared<VersionArgs>();
    auto* compare = cmd->add_subcommand(
        "compare", "print <, = or > for A against B under ECOSYSTEM's rules (OSV names: "
                   "Debian:12, openEuler:24.03-LTS, ...)");
    compare->add_option("ECOSYSTEM", args->ecosystem, "OSV ecosystem name")->required();
    compare->add_option("A", args->a, "first version");
    compare->add_option("B", args->b, "second version");
    compare->add_flag("--stdin", args->stdin_pairs,
                      "read 'A<TAB>B' lines from stdin, print one result per line");
    compare->callback([args] { run_compare(*args); });
}

} // namespace kaiyuan::cli
