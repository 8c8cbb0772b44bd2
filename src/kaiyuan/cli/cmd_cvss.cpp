// kaiyuan cvss VECTOR... | --stdin: CVSS v3.x and v4.0 base scores from vectors (docs/cli.md).
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/vuln/cvss.hpp"

#include <cstdio>
#include <iostream>

namespace kaiyuan::cli {

namespace {

struct CvssArgs {
    std::vector<std::string> vectors;
    bool stdin_vectors = false;
};

/// "9.8 critical", or "error: <why>".
std::string line_for(std::string_view vector) {
    auto s = vuln::cvss_base(vector);
    if (!s) return "error: " + s.error().message;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f %s", s->score, s->severity.c_str());
    return buf;
}

void run_cvss(const CvssArgs& args) {
    if (!args.stdin_vectors && args.vectors.empty()) throw CommandError{"give VECTOR or --stdin"};
    // Every vector gets its line (so that --stdin output stays aligned with its input); any
    // vector that could not be scored makes the exit status 2, and stderr says why.
    std::size_t failed = 0;
    std::string first_error;
    auto one = [&](std::string_view vector) {
        std::string line = line_for(vector);
        if (line.starts_with("error: ") && failed++ == 0) first_error = line.substr(7);
        std::cout << line << "\n";
    };
    for (const auto& v : args.vectors)
        one(v);
    if (args.stdin_vectors) {
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            one(line);
        }
    }
    if (failed)
        throw CommandError{first_error + (failed > 1 ? " (and " + std::to_string(failed - 1) +
                                                           " more vectors not scored)"
                                                     : "")};
}

} // namespace

void register_cvss(CLI::App& app) {
    auto args = std::make_shared<CvssArgs>();
    auto* cmd = app.add_subcommand(
        "cvss", "base score and rating of CVSS v3.0, v3.1 and v4.0 vectors, one per line");
    cmd->add_option("VECTOR", args->vectors, "CVSS:3.1/AV:N/... or CVSS:4.0/AV:N/...");
    cmd->add_flag("--stdin", args->stdin_vectors, "read one vector per line from stdin");
    cmd->callback([args] { run_cvss(*args); });
}

} // namespace kaiyuan::cli
