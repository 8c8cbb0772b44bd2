#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/common.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    using namespace kaiyuan::cli;
    CLI::App app{"kaiyuan: open-source supply-chain governance (SBOMs, licenses, vulnerabilities)",
                 "kaiyuan"};
    app.set_version_flag("--version", std::string("kaiyuan ") + kaiyuan::format::k_tool_version);
    app.require_subcommand(1);
    register_scan(app);
    register_sbom(app);
    register_capabilities(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? k_ok : k_usage;
    } catch (const CommandError& e) {
        std::fprintf(stderr, "kaiyuan: error: %s\n", e.message.c_str());
        return e.exit_code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kaiyuan: internal error: %s\n", e.what());
        return k_internal;
    }
    return k_ok;
}
