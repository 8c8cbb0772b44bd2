#include "kaiyuan/vuln/importer.hpp"

#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/vuln/openeuler.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

namespace kaiyuan::vuln {

namespace {

struct AdvisoryFile {
    std::string path; ///< input, or input!member for archive and directory members
    std::string data;
    std::size_t input = 0; ///< index in the inputs
};

/// Collects the advisory files of a tree; counts the others.
class Collector : public source::Visitor {
public:
    Collector(std::string prefix, std::size_t input, std::vector<AdvisoryFile>& out,
              std::uint64_t& skipped)
        : m_prefix(std::move(prefix)), m_input(input), m_out(out), m_skipped(skipped) {}
    bool wants(const source::Entry& e) override {
        if (e.type != source::EntryType::file) return false;
        if (is_advisory_file_name(e.path)) return true;
        ++m_skipped;
        return false;
    }
    void contents(const source::Entry& e, std::string&& data) override {
        m_out.push_back({m_prefix + e.path, std::move(data), m_input});
    }

private:
    std::string m_prefix;
    std::size_t m_input;
    std::vector<AdvisoryFile>& m_out;
    std::uint64_t& m_skipped;
};

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](std::string_view x) { return s.ends_with(x); });
}

} // namespace

bool is_advisory_file_name(std::string_view path) {
    return ends_with_any(path, {".json", ".yaml", ".yml", ".xml"});
}

Result<std::vector<Advisory>> read_advisory_file(std::string_view path, std::string_view data) {
    if (ends_with_any(path, {".yaml", ".yml"})) return read_osv_yaml(data);
    if (path.ends_with(".xml")) {
        auto adv = read_openeuler_cvrf(data);
        if (!adv) return unexpected(adv.error());
        return std::vector<Advisory>{std::move(*adv)};
    }
    // CSAF documents carry the key "csaf_version" (in "document", wherever a writer or `jq -S`
    // put it); OSV records never do, and inside a JSON string the quotes would be escaped.
    if (data.find("\"csaf_version\"") != std::string_view::npos) {
        auto adv = read_openeuler_csaf(data);
        if (!adv) return unexpected(adv.error());
        return std::vector<Advisory>{std::move(*adv)};
    }
    return read_osv_json(data);
}

Result<ImportReport> import_paths(AdvisoryStore& db, const std::vector<std::string>& inputs,
                                  util::Progress& progress,
                                  const std::vector<SourceStatus>& given_sources,
                                  bool complete_inputs) {
    namespace fs = std::filesystem;
    ImportReport report;
    std::vector<AdvisoryFile> files;
    progress.phase("reading advisories", inputs.size());
    std::uint64_t done = 0;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        const std::string& input = inputs[k];
        std::error_code ec;
        if (fs::is_regular_file(input, ec) && is_advisory_file_name(input)) {
            auto data = util::read_file(input);
            if (!data) return unexpected(data.error());
            files.push_back({input, std::move(*data), k});
        } else {
            auto tree = source::open_target(input);
            // open_target names the path itself; say it once.
            if (!tree)
                return fail(tree.error().message.starts_with(input)
                                ? tree.error().message
                                : input + ": " + tree.error().message);
            Collector collector(input + (fs::is_directory(input, ec) ? "/" : "!"), k, files,
                                report.skipped_files);
            if (auto r = (*tree)->walk(collector, report.diagnostics); !r)
                return fail(input + ": " + r.error().message);
        }
        progress.advance(++done);
    }
    if (complete_inputs && !report.diagnostics.empty())
        return fail(report.diagnostics.front().location.to_string() + ": " +
                    report.diagnostics.front().message);
    report.files = files.size();

    // Parse on every core; files are independent.
    progress.phase("parsing advisories", files.size());
    std::vector<Result<std::vector<Advisory>>> parsed(files.size(), std::vector<Advisory>{});
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> parsed_count{0};
    unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<std::future<void>> running;
    for (unsigned w = 0; w < workers; ++w)
        running.push_back(std::async(std::launch::async, [&] {
            for (std::size_t i; (i = next++) < files.size();) {
                parsed[i] = read_advisory_file(files[i].path, files[i].data);
                ++parsed_count;
            }
        }));
    for (auto& r : running) {
        while (r.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
            progress.advance(parsed_count);
        r.get();
    }
    progress.advance(files.size());

    std::vector<SourceStatus> sources = given_sources;
    if (sources.empty())
        for (const std::string& input : inputs)
            sources.push_back({input, {}, {}, {}, 0});
    std::vector<Advisory> advisories;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!parsed[i]) {
            report.diagnostics.push_back({model::Severity::warning,
                                          model::Location{files[i].path, {}, 0},
                                          "skipped: " + parsed[i].error().message});
            continue;
        }
        sources[std::min(files[i].input, sources.size() - 1)].records += parsed[i]->size();
        for (auto& a : *parsed[i])
            advisories.push_back(std::move(a));
    }
    files.clear();
    report.records = advisories.size();
    progress.phase("storing advisories", 0);
    auto stats = db.import(advisories, sources);
    progress.finish();
    if (!stats) return unexpected(stats.error());
    report.stats = *stats;
    return report;
}

} // namespace kaiyuan::vuln
