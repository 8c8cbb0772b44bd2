// kaiyuan upstream describe PATH...: openEuler-Advisor's upstream-info files read as kaiyuan
// reads them (docs/cli.md, "upstream"): the kind and place of each upstream, what is wrong in
// the file, and the newest release among the tags openEuler-Advisor recorded, by kaiyuan's
// stable-release rule and by openEuler-Advisor's own, with the packages where the two differ.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <algorithm>
#include <filesystem>

namespace kaiyuan::cli {

namespace {

struct UpstreamArgs {
    std::vector<std::string> paths;
    std::string format, output;
    bool quiet = false;
};

struct Described {
    upstream::UpstreamDescription d;
    std::string error;  ///< the file could not be read at all
    std::string ours;   ///< newest recorded release, kaiyuan's rule
    std::string theirs; ///< the same by openEuler-Advisor's rule
    std::size_t tags = 0, releases = 0;
};

std::vector<std::string> yaml_files(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            out.push_back(p);
            continue;
        }
        std::vector<std::string> inside;
        for (const auto& e : fs::directory_iterator(p, ec))
            if (e.path().extension() == ".yaml" || e.path().extension() == ".yml")
                inside.push_back(e.path().string());
        std::sort(inside.begin(), inside.end());
        out.insert(out.end(), inside.begin(), inside.end());
    }
    return out;
}

Described describe(const std::string& file, std::vector<model::Diagnostic>& diagnostics) {
    Described out;
    auto text = util::read_file(file, 1u << 20);
    if (!text) {
        out.error = text.error().message;
        return out;
    }
    auto d = upstream::read_upstream_info(*text, file, diagnostics);
    if (!d) {
        out.error = d.error().message;
        return out;
    }
    out.d = std::move(*d);
    upstream::TagCleaner cleaner(out.d);
    if (!cleaner.error().empty()) {
        model::Diagnostic bad;
        bad.severity = model::Severity::warning;
        bad.location.path = file;
        bad.message = cleaner.error() + ": its tags cannot be read";
        diagnostics.push_back(std::move(bad));
        return out;
    }
    std::vector<std::string> ours, theirs;
    for (const auto& [date, tag] : out.d.recorded_tags) {
        ++out.tags;
        auto v = cleaner.clean(tag);
        if (!v) continue;
        if (upstream::stability(*v) == upstream::Stability::release) ours.push_back(*v);
        if (upstream::advisor_accepts(*v)) theirs.push_back(*v);
    }
    out.releases = ours.size();
    out.ours = upstream::newest(ours);
    out.theirs = upstream::newest(theirs);
    return out;
}

void run_describe(const UpstreamArgs& a) {
    std::vector<Described> all;
    std::vector<model::Diagnostic> diagnostics;
    std::size_t unreadable = 0, uncheckable = 0, differ = 0;
    for (const auto& file : yaml_files(a.paths)) {
        all.push_back(describe(file, diagnostics));
        const auto& x = all.back();
        if (!x.error.empty()) {
            ++unreadable;
            model::Diagnostic d;
            d.severity = model::Severity::error;
            d.location.path = file;
            d.message =
                x.error.starts_with(file + ": ") ? x.error.substr(file.size() + 2) : x.error;
            diagnostics.push_back(std::move(d));
        } else if (x.d.kind == upstream::UpstreamKind::none) {
            ++uncheckable;
        }
        if (x.ours != x.theirs) ++differ;
    }
    report_diagnostics(diagnostics, a.quiet);
    std::string fmt =
        a.format.empty() ? (output_is_terminal(a.output) ? "table" : "json") : a.format;
    if (fmt != "json" && fmt != "table")
        throw CommandError{"-f: unknown format '" + fmt + "' (table, json)"};
    std::string out;
    if (fmt == "json") {
        format::JsonOut j(out);
        j.begin_object();
        j.key("summary").begin_object();
        j.field("files", static_cast<std::int64_t>(all.size()));
        j.field("unreadable", static_cast<std::int64_t>(unreadable));
        j.field("notCheckable", static_cast<std::int64_t>(uncheckable));
        j.field("newestDiffersFromOpenEulerAdvisor", static_cast<std::int64_t>(differ));
        j.field("diagnostics", static_cast<std::int64_t>(diagnostics.size()));
        j.end_object();
        j.key("packages").begin_array();
        for (const auto& x : all) {
            if (!x.error.empty()) continue;
            j.begin_object().field("package", x.d.package).field("file", x.d.file);
            j.field("versionControl", std::string(upstream::kind_name(x.d.kind)));
            j.field_if("versionControlAsWritten", x.d.kind_as_written);
            j.field_if("srcRepo", x.d.src_repo);
            j.field("recordedTags", static_cast<std::int64_t>(x.tags));
            j.field("recordedReleases", static_cast<std::int64_t>(x.releases));
            j.field_if("newestRecordedRelease", x.ours);
            j.field_if("openEulerAdvisorWouldChoose", x.theirs);
            j.end_object();
        }
        j.end_array().end_object();
        out += "\n";
    } else {
        out = std::to_string(all.size()) + " files: " + std::to_string(unreadable) +
              " unreadable, " + std::to_string(uncheckable) + " without a checkable upstream, " +
              std::to_string(differ) +
              " where openEuler-Advisor's rule would choose another release\n";
        util::TextTable t{{"PACKAGE", "KIND", "SOURCE", "NEWEST RECORDED", "ADVISOR'S CHOICE"}, {}};
        for (const auto& x : all)
            if (x.error.empty())
                t.rows.push_back({x.d.package, std::string(upstream::kind_name(x.d.kind)),
                                  x.d.src_repo, x.ours, x.theirs});
        out += util::render(t, util::terminal_width());
    }
    OutputOptions o;
    o.output = a.output;
    o.emit(out);
    if (unreadable) throw CommandError{std::to_string(unreadable) + " file(s) could not be read"};
}

} // namespace

void register_upstream(CLI::App& app) {
    auto* cmd = app.add_subcommand("upstream", "where packages' upstream releases are");
    cmd->require_subcommand(1);
    auto args = std::make_shared<UpstreamArgs>();
    auto* describe_cmd = cmd->add_subcommand(
        "describe", "read openEuler-Advisor upstream-info files: kinds, problems, releases");
    describe_cmd->add_option("PATH", args->paths, "upstream-info YAML files or directories of them")
        ->required();
    describe_cmd->add_option("-f,--format", args->format,
                             "table or json (default: table on a terminal, json otherwise)");
    describe_cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    describe_cmd->add_flag("-q,--quiet", args->quiet, "no diagnostics on stderr");
    describe_cmd->callback([args] { run_describe(*args); });
    register_upstream_check(*cmd);
    register_upstream_upgrade(*cmd);
}

} // namespace kaiyuan::cli
