#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/common.hpp"

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <exception>

int main(int argc, char** argv) {
    using namespace kaiyuan::cli;
    // libarchive converts every zip member's DOS time with mktime(), and glibc, with TZ unset,
    // stats /etc/localtime on each call: a jar of 3,000 classes cost 3,000 stat calls. kaiyuan
    // prints no local times (SBOM timestamps are UTC), so a fixed zone changes no output.
    if (!std::getenv("TZ")) ::setenv("TZ", "UTC", 0);
    // Member names are UTF-8 in tar (pax) and zip; in the default "C" locale libarchive
    // converts them to ASCII one character at a time (and mangles what is not ASCII).
    std::setlocale(LC_CTYPE, "C.UTF-8");
    CLI::App app{"kaiyuan: open-source supply-chain governance (SBOMs, licenses, vulnerabilities)",
                 "kaiyuan"};
    app.set_version_flag("--version", std::string("kaiyuan ") + kaiyuan::format::k_tool_version);
    app.require_subcommand(1);
    register_scan(app);
    register_sbom(app);
    register_capabilities(app);
    register_version(app);
    register_db(app);
    register_cvss(app);
    register_vuln(app);
    register_license(app);
    register_expression(app);
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
