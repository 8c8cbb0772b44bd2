// kaiyuan db import | status: the advisory database (docs/cli.md).
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/store_options.hpp"
#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/vuln/database.hpp"
#include "kaiyuan/vuln/importer.hpp"
#include "kaiyuan/vuln/updater.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace kaiyuan::cli {

namespace {

struct DbArgs {
    std::string db;
    std::string database; ///< the service's store instead of a file
    std::vector<std::string> ecosystems;
    std::string base = vuln::k_osv_export_base;
    std::vector<std::string> inputs;
    bool quiet = false;
    bool json = false;
};

std::string database_path(const DbArgs& args) {
    return args.db.empty() ? vuln::default_database_path() : args.db;
}

/// The advisories a command works on: the file (--db), or the service's store (--database),
/// where an import also queues the re-matching of the stored SBOMs.
struct OpenAdvisories {
    std::unique_ptr<store::Store> service;
    std::unique_ptr<vuln::AdvisoryStore> advisories;
    vuln::AdvisoryStore& operator*() { return *advisories; }
    vuln::AdvisoryStore* operator->() { return advisories.get(); }
    /// Where `db update` keeps its downloads.
    std::string download_dir() const {
        if (!service) return std::filesystem::path(advisories->location()).parent_path().string();
        return std::filesystem::path(vuln::default_database_path()).parent_path().string() +
               "/store-downloads";
    }
};

OpenAdvisories open_advisories(const DbArgs& args, bool create) {
    OpenAdvisories out;
    if (!args.database.empty()) {
        if (!args.db.empty()) throw CommandError{"--db and --database: give one"};
        out.service = open_store(args.database);
        out.advisories = std::make_unique<store::StoreAdvisories>(*out.service);
        return out;
    }
    auto db = vuln::Database::open(database_path(args), create);
    if (!db) throw CommandError{db.error().message};
    out.advisories = std::make_unique<vuln::Database>(std::move(*db));
    return out;
}

void run_import(const DbArgs& args) {
    auto db = open_advisories(args, true);
    auto progress = make_progress(args.quiet);
    auto start = std::chrono::steady_clock::now();
    auto report =
        vuln::import_paths(*db, args.inputs, progress ? *progress : util::null_progress());
    if (!report) throw CommandError{report.error().message};
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report_diagnostics(report->diagnostics, args.quiet);
    const auto& s = report->stats;
    nlohmann::json out{{"database", db->location()},
                       {"files", report->files},
                       {"records", report->records},
                       {"added", s.added},
                       {"replaced", s.replaced},
                       {"unchanged", s.unchanged},
                       {"withdrawn", s.withdrawn},
                       {"malformedFiles", report->diagnostics.size()},
                       {"skippedFiles", report->skipped_files},
                       {"seconds", seconds}};
    std::cout << out.dump(2) << "\n";
    if (!args.quiet)
        std::fprintf(stderr,
                     "imported %llu records from %llu files into %s: %llu added, %llu replaced, "
                     "%llu not newer, %llu withdrawn; %zu malformed files skipped, %llu other "
                     "files ignored (%.2f s)\n",
                     static_cast<unsigned long long>(report->records),
                     static_cast<unsigned long long>(report->files), db->location().c_str(),
                     static_cast<unsigned long long>(s.added),
                     static_cast<unsigned long long>(s.replaced),
                     static_cast<unsigned long long>(s.unchanged),
                     static_cast<unsigned long long>(s.withdrawn), report->diagnostics.size(),
                     static_cast<unsigned long long>(report->skipped_files), seconds);
    // Inputs of which nothing could be read are not an import: a file that is no advisory
    // (OSV JSON or YAML, openEuler CSAF or CVRF) is an input error, as an unknown SBOM is.
    if (report->files > 0 && report->records == 0 && report->diagnostics.size() == report->files)
        throw CommandError{"no advisory read from " + std::to_string(report->files) +
                           (report->files == 1 ? " file" : " files") +
                           ": expected OSV records (JSON or YAML) or openEuler CSAF/CVRF "
                           "advisories"};
}

void run_update(const DbArgs& args) {
    auto db = open_advisories(args, true);
    auto progress = make_progress(args.quiet);
    std::vector<std::string> ecosystems =
        args.ecosystems.empty() ? vuln::default_update_ecosystems(*db) : args.ecosystems;
    auto report = vuln::update_from_osv(*db, ecosystems, args.base, db.download_dir(),
                                        progress ? *progress : util::null_progress());
    if (!report) throw CommandError{report.error().message};
    report_diagnostics(report->import.diagnostics, args.quiet);
    nlohmann::json out{{"database", db->location()}};
    out["ecosystems"] = nlohmann::json::array();
    std::size_t failed = 0;
    for (const auto& e : report->ecosystems) {
        using O = vuln::EcosystemUpdate::Outcome;
        const char* outcome = e.outcome == O::downloaded     ? "downloaded"
                              : e.outcome == O::not_modified ? "not-modified"
                                                             : "failed";
        nlohmann::json x{{"ecosystem", e.ecosystem}, {"url", e.url}, {"outcome", outcome}};
        if (e.outcome == O::downloaded) x["bytes"] = e.bytes;
        if (e.outcome == O::failed) {
            x["error"] = e.error;
            ++failed;
            if (!args.quiet)
                std::fprintf(stderr, "kaiyuan: warning: %s: %s\n", e.url.c_str(), e.error.c_str());
        }
        out["ecosystems"].push_back(std::move(x));
    }
    const auto& s = report->import.stats;
    out["records"] = report->import.records;
    out["added"] = s.added;
    out["replaced"] = s.replaced;
    out["withdrawn"] = s.withdrawn;
    std::cout << out.dump(2) << "\n";
    if (failed == report->ecosystems.size() && failed > 0)
        throw CommandError{"no ecosystem could be downloaded", 1};
}

void run_status(const DbArgs& args) {
    auto db = open_advisories(args, false);
    auto count = db->advisory_count();
    auto ecosystems = db->ecosystems();
    auto sources = db->sources();
    if (!count || !ecosystems || !sources) throw CommandError{db->location() + ": unreadable"};
    if (args.json) {
        nlohmann::json out{{"database", db->location()}, {"advisories", *count}};
        out["ecosystems"] = nlohmann::json::array();
        for (const auto& e : *ecosystems)
            out["ecosystems"].push_back({{"ecosystem", e.ecosystem},
                                         {"advisories", e.advisories},
                                         {"newestModified", e.newest_modified}});
        out["sources"] = nlohmann::json::array();
        for (const auto& s : *sources)
            out["sources"].push_back({{"name", s.name},
                                      {"importedAt", s.imported_at},
                                      {"records", s.records},
                                      {"etag", s.etag},
                                      {"lastModified", s.last_modified}});
        std::cout << out.dump(2) << "\n";
        return;
    }
    std::printf("database   %s\nadvisories %llu\n\n%-16s %10s  %s\n", db->location().c_str(),
                static_cast<unsigned long long>(*count), "ECOSYSTEM", "ADVISORIES",
                "NEWEST MODIFIED");
    for (const auto& e : *ecosystems)
        std::printf("%-16s %10llu  %s\n", e.ecosystem.c_str(),
                    static_cast<unsigned long long>(e.advisories), e.newest_modified.c_str());
    std::printf("\n%-20s %8s  %s\n", "IMPORTED", "RECORDS", "SOURCE");
    for (const auto& s : *sources)
        std::printf("%-20s %8llu  %s\n", s.imported_at.c_str(),
                    static_cast<unsigned long long>(s.records), s.name.c_str());
}

} // namespace

void register_db(CLI::App& app) {
    auto* cmd = app.add_subcommand("db", "the advisory database (OSV, openEuler CSAF/CVRF)");
    cmd->require_subcommand(1);
    auto args = std::make_shared<DbArgs>();
    auto add_db = [&](CLI::App* sub) {
        sub->add_option("--db", args->db,
                        "database file (default: $KAIYUAN_DB, else the user's cache directory)");
        sub->add_option("--database", args->database,
                        "the service's store instead (sqlite:PATH or postgresql://...): every "
                        "server on it sees the advisories, and stored SBOMs are re-matched");
        sub->add_flag("-q,--quiet", args->quiet, "no progress or diagnostics on stderr");
    };
    auto* import = cmd->add_subcommand(
        "import", "import OSV JSON/YAML records, directories of them, OSV zip exports, and "
                  "openEuler CSAF/CVRF advisories");
    import->add_option("PATH", args->inputs, "files, directories or archives")->required();
    add_db(import);
    import->callback([args] { run_import(*args);
});
auto* update =
    cmd->add_subcommand("update", "download OSV's exports (only when changed) and import them");
update
    ->add_option("--ecosystem", args->ecosystems,
                 "OSV ecosystem names (default: those in the database, else a standard "
                 "set); repeatable or comma-separated")
    ->delimiter(',');
update->add_option("--base", args->base, "export location (default: OSV's bucket)");
add_db(update);
update->callback([args] { run_update(*args); });
auto* status = cmd->add_subcommand("status", "what is loaded, per ecosystem, how fresh");
add_db(status);
status->add_flag("--json", args->json, "machine-readable output");
status->callback([args] { run_status(*args); });
} // namespace kaiyuan::cli

} // namespace kaiyuan::cli
