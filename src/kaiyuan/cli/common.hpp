#pragma once
/// What every subcommand shares: the output flags, writing output, progress on stderr, and the
/// exit codes of docs/cli.md.
#include "kaiyuan/format/format.hpp"
#include "kaiyuan/license/policy.hpp"
#include "kaiyuan/util/progress.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

namespace kaiyuan::cli {

enum ExitCode { k_ok = 0, k_policy = 1, k_usage = 2, k_internal = 70 };

/// Thrown by commands for an error that ends the command; main prints "kaiyuan: error: <what>".
struct CommandError {
    std::string message;
    int exit_code = k_usage;
};

struct OutputOptions {
    std::string format; ///< empty: table on a terminal, json otherwise
    std::string output; ///< empty or "-": stdout
    bool quiet = false;
    void add_to(CLI::App& app, bool with_format = true);
    format::Format resolve_format() const;
    /// Writes `text` to the output file (atomically) or stdout.
    void emit(const std::string& text) const;
};

/// Whether output goes to a terminal (no -o, or -o -, and stdout is a tty): commands then
/// default to a table for people rather than JSON.
bool output_is_terminal(const std::string& output);

/// Progress on stderr when it is a terminal and --quiet is off.
std::unique_ptr<util::Progress> make_progress(bool quiet);

/// Prints the diagnostics of a scan or read on stderr (unless quiet), one per line.
void report_diagnostics(const std::vector<model::Diagnostic>& diagnostics, bool quiet);

/// `--license-data DIR` (default $KAIYUAN_LICENSE_DATA): SPDX's machine-readable license list
/// (the json/ folder of license-list-data) read in place of the compiled-in one.
void add_license_data_option(CLI::App& cmd, std::string& dir);
/// Reads and installs that list when `dir` is set, before any detection; says on stderr which
/// list it read and what it left out.
void use_license_data(const std::string& dir, bool quiet);

/// The license policy of `--policy PATH`; none when `path` is empty. A file that cannot be read
/// or is not a policy ends the command.
std::optional<license::Policy> read_policy_option(const std::string& path);

void register_scan(CLI::App& app);
void register_sbom(CLI::App& app);
void register_license(CLI::App& app);
void register_expression(CLI::App& app);
void register_capabilities(CLI::App& app);
void register_version(CLI::App& app);
void register_db(CLI::App& app);
void register_cvss(CLI::App& app);
void register_vuln(CLI::App& app);
void register_serve(CLI::App& app);
void register_apikey(CLI::App& app);
void register_team(CLI::App& app);
void register_user(CLI::App& app);
void register_query(CLI::App& app);
void register_review(CLI::App& app);
void register_community(CLI::App& app);
void register_upstream(CLI::App& app);
void register_key(CLI::App& app);
void register_attest(CLI::App& app);
void register_sign(CLI::App& app);
void register_verify_log_entry(CLI::App& app);
/// `upstream check`, under the `upstream` command.
void register_upstream_check(CLI::App& upstream);
void register_upstream_upgrade(CLI::App& upstream);
/// `sbom diff`, under the `sbom` command.
void register_sbom_diff(CLI::App& sbom);

} // namespace kaiyuan::cli
