#include "kaiyuan/license/file_scan.hpp"

#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

namespace kaiyuan::license {

namespace {

bool looks_binary(std::string_view data) {
    return data.substr(0, 8192).find('\0') != std::string_view::npos;
}

/// Files read by the walk wait here for a worker; the walk blocks when too many bytes wait, so
/// memory stays bounded whatever the tree.
class WorkQueue {
public:
    static constexpr std::size_t k_max_bytes = 64u << 20;

    void push(std::string path, std::string data) {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [&] { return m_bytes < k_max_bytes || m_items.empty(); });
        m_bytes += data.size();
        m_items.push_back({std::move(path), std::move(data)});
        m_ready.notify_one();
    }
    bool pop(std::pair<std::string, std::string>& item) {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) return false;
        item = std::move(m_items.front());
        m_items.pop_front();
        m_bytes -= item.second.size();
        m_space.notify_one();
        return true;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<std::pair<std::string, std::string>> m_items;
    std::size_t m_bytes = 0;
    bool m_closed = false;
};

class AllFiles final : public source::Visitor {
public:
    AllFiles(WorkQueue& queue, util::Progress& progress, const std::vector<std::string>& skip)
        : m_queue(queue), m_progress(progress), m_skip(skip) {}
    bool wants(const source::Entry& e) override {
        if (e.type != source::EntryType::file) return false;
        if (m_skip.empty()) return true;
        std::string_view path = e.path;
        for (std::size_t start = 0, slash;
             (slash = path.find('/', start)) != std::string_view::npos; start = slash + 1) {
            std::string_view dir = path.substr(start, slash - start);
            for (const auto& s : m_skip)
                if (dir == s) {
                    m_skipped.emplace(path.substr(0, slash + 1));
                    return false;
                }
        }
        return true;
    }
    /// The skipped directories (each once), for one diagnostic each.
    const std::set<std::string>& skipped() const { return m_skipped; }
    void contents(const source::Entry& e, std::string&& data) override {
        m_queue.push(e.path, std::move(data));
        m_progress.advance(++m_files);
    }

private:
    WorkQueue& m_queue;
    util::Progress& m_progress;
    const std::vector<std::string>& m_skip;
    std::set<std::string> m_skipped;
    std::uint64_t m_files = 0;
};

} // namespace

void name_text_by_reuse_file_name(std::string_view path, std::vector<LicenseMatch>& licenses) {
    // REUSE 3.x: "LICENSES/<SPDX License Identifier>.<extension>".
    auto slash = path.rfind('/');
    if (slash == std::string_view::npos) return;
    std::string_view dir = path.substr(0, slash), name = path.substr(slash + 1);
    auto dir_slash = dir.rfind('/');
    if ((dir_slash == std::string_view::npos ? dir : dir.substr(dir_slash + 1)) != "LICENSES")
        return;
    std::string_view id = name.substr(0, name.rfind('.'));
    for (LicenseMatch& m : licenses)
        if (m.kind == LicenseMatch::Kind::text && m.expression != id &&
            std::find(m.equivalents.begin(), m.equivalents.end(), id) != m.equivalents.end()) {
            std::string found = std::move(m.expression);
            m.expression = std::string(id);
            std::erase(m.equivalents, m.expression);
            m.equivalents.insert(m.equivalents.begin(), std::move(found));
        }
}

FileLicenses analyze_file(std::string path, std::string_view data) {
    FileLicenses f;
    f.path = std::move(path);
    f.size = data.size();
    f.sha1 = util::digest_hex(util::DigestAlgorithm::sha1, data);
    if (looks_binary(data)) {
        f.skipped = "binary";
        return f;
    }
    f.licenses = detect_licenses(data);
    name_text_by_reuse_file_name(f.path, f.licenses);
    f.copyrights = find_copyrights(data);
    if (data.size() <= (128u << 10) && is_license_file_name(f.path) &&
        std::any_of(f.licenses.begin(), f.licenses.end(),
                    [](const LicenseMatch& m) { return m.kind == LicenseMatch::Kind::text; })) {
        std::string text(data);
        std::erase(text, '\r'); // CRLF files read as LF
        f.text = util::sanitize_text(text);
    }
    return f;
}

bool is_license_file_name(std::string_view path) {
    auto slash = path.rfind('/');
    std::string name =
        util::to_upper(slash == std::string_view::npos ? path : path.substr(slash + 1));
    for (std::string_view stem :
         {"LICENSE", "LICENCE", "COPYING", "COPYRIGHT", "NOTICE", "UNLICENSE", "MIT-LICENSE"})
        if (name.starts_with(stem)) return true;
    return false;
}

Result<LicenseScan> scan_licenses(source::FileTree& tree, const LicenseScanOptions& options) {
    util::Progress& progress = options.progress ? *options.progress : util::null_progress();
    (void)LicenseIndex::get(); // built before the workers start, not by the first of them
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, threads);
    WorkQueue queue;
    std::mutex results_mutex;
    LicenseScan scan;
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i)
        workers.emplace_back([&] {
            std::pair<std::string, std::string> item;
            std::vector<FileLicenses> mine;
            while (queue.pop(item))
                mine.push_back(analyze_file(std::move(item.first), item.second));
            std::lock_guard lock(results_mutex);
            for (auto& f : mine)
                scan.files.push_back(std::move(f));
        });
    progress.phase("reading files", 0);
    AllFiles visitor(queue, progress, options.skip_dirs);
    auto walked = tree.walk(visitor, scan.diagnostics);
    for (const auto& dir : visitor.skipped()) {
        model::Diagnostic d;
        d.severity = model::Severity::info;
        d.location.path = dir;
        d.message = "not read: version control metadata (--skip-dirs sets which directories)";
        scan.diagnostics.push_back(std::move(d));
    }
    queue.close();
    for (auto& w : workers)
        w.join();
    progress.finish();
    if (!walked) return unexpected(walked.error());
    std::sort(scan.files.begin(), scan.files.end(),
              [](const FileLicenses& a, const FileLicenses& b) { return a.path < b.path; });
    return scan;
}

} // namespace kaiyuan::license
