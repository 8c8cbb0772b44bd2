#include "kaiyuan/jobs/upstream_monitor.hpp"

#include "kaiyuan/upstream/check.hpp"
#include "kaiyuan/upstream/tags.hpp"
#include "kaiyuan/util/random.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::jobs {

namespace {

struct Field {
    const char* key;
    std::string upstream::UpstreamDescription::*value;
};
constexpr Field k_fields[] = {
    {"srcRepo", &upstream::UpstreamDescription::src_repo},
    {"tagPrefix", &upstream::UpstreamDescription::tag_prefix},
    {"tagPattern", &upstream::UpstreamDescription::tag_pattern},
    {"tagReorder", &upstream::UpstreamDescription::tag_reorder},
    {"tagNeworder", &upstream::UpstreamDescription::tag_neworder},
    {"separator", &upstream::UpstreamDescription::separator},
    {"url", &upstream::UpstreamDescription::url},
    {"regex", &upstream::UpstreamDescription::regex},
    {"includeRegex", &upstream::UpstreamDescription::include_regex},
    {"excludeRegex", &upstream::UpstreamDescription::exclude_regex},
};

} // namespace

Result<upstream::UpstreamDescription> description_from_json(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail("the upstream is not a JSON object");
    upstream::UpstreamDescription d;
    if (!j.contains("versionControl") || !j["versionControl"].is_string())
        return fail("'versionControl' is missing (github, gitee, gitlab.gnome, git, hg, pypi, "
                    "rubygem, metacpan, gnu-ftp, ftp, sourceforge, npm, cratesio, maven, go, "
                    "packagist, nuget, regex)");
    d.kind_as_written = j["versionControl"].get<std::string>();
    d.kind = upstream::kind_from_name(d.kind_as_written);
    if (d.kind == upstream::UpstreamKind::none || d.kind == upstream::UpstreamKind::svn)
        return fail("'versionControl': '" + d.kind_as_written + "' is no upstream kaiyuan reads");
    for (const auto& [key, value] : j.items()) {
        if (key == "versionControl") continue;
        const Field* f = nullptr;
        for (const auto& candidate : k_fields)
            if (key == candidate.key) f = &candidate;
        if (!f) return fail("'" + key + "' is not an upstream setting");
        if (!value.is_string()) return fail("'" + key + "' must be a string");
        if (value.get_ref<const std::string&>().size() > 2048)
            return fail("'" + key + "' is longer than 2048 characters");
        d.*(f->value) = value.get<std::string>();
    }
    if (d.src_repo.empty() && d.url.empty()) return fail("'srcRepo' is missing");
    if (upstream::TagCleaner cleaner(d); !cleaner.error().empty()) return fail(cleaner.error());
    return d;
}

Result<std::unique_ptr<UpstreamMonitor>>
UpstreamMonitor::start(store::Store& store, UpstreamMonitorOptions options,
                       std::function<void(const std::string&)> log) {
    upstream::RegistryBases bases;
    for (const auto& r : options.registries) {
        auto eq = r.find('=');
        if (eq == std::string::npos)
            return fail("--upstream-registry: '" + r + "' is not KIND=URL");
        if (auto set = bases.set(r.substr(0, eq), r.substr(eq + 1)); !set)
            return fail("--upstream-registry: " + set.error().message);
    }
    return std::unique_ptr<UpstreamMonitor>(
        new UpstreamMonitor(store, std::move(options), std::move(log)));
}

UpstreamMonitor::UpstreamMonitor(store::Store& store, UpstreamMonitorOptions options,
                                 std::function<void(const std::string&)> log)
    : m_store(store), m_options(std::move(options)), m_log(std::move(log)) {
    m_thread = std::thread([this] { run(); });
}

UpstreamMonitor::~UpstreamMonitor() {
    stop();
}

void UpstreamMonitor::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void UpstreamMonitor::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

void UpstreamMonitor::run() {
    for (;;) {
        check_due();
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::seconds(std::max(1, m_options.poll_seconds)),
                        [this] { return m_stopping || m_woken; });
        if (m_stopping) return;
        m_woken = false;
    }
}

void UpstreamMonitor::check_due() {
    auto due = m_store.claim_due_watches(util::utc_now(), 1000);
    if (!due) {
        m_log("upstream monitoring: " + due.error().message);
        return;
    }
    if (due->empty()) return;
    std::vector<upstream::PackagedSource> packages;
    std::vector<std::string> broken(due->size());
    for (std::size_t i = 0; i < due->size(); ++i) {
        const auto& w = (*due)[i];
        upstream::PackagedSource p;
        p.name = w.name;
        p.version = w.packaged;
        p.ecosystem = w.ecosystem;
        auto d = description_from_json(w.description);
        if (d)
            p.upstream = std::move(*d);
        else
            broken[i] = d.error().message;
        packages.push_back(std::move(p));
    }
    upstream::CheckOptions options;
    options.rules = upstream::insteadof_rules(m_options.git_config);
    for (const auto& r : m_options.registries) {
        auto eq = r.find('=');
        (void)options.registries.set(r.substr(0, eq), r.substr(eq + 1)); // checked at start
    }
    options.http.cache_dir = m_options.cache_dir;
    auto checked = upstream::check_all(packages, options);
    std::string now = util::utc_now();
    for (std::size_t i = 0; i < due->size(); ++i) {
        const auto& c = checked[i];
        store::UpstreamCheckResult result;
        result.error = !broken[i].empty()                            ? broken[i]
                       : c.standing == upstream::Standing::unchecked ? c.error
                                                                     : std::string();
        result.newest = c.newest.version;
        result.standing = std::string(upstream::to_string(c.standing));
        for (const auto& r : c.all)
            result.releases.push_back({r.version, r.tag, r.date, ""});
        for (const auto& r : c.newer)
            result.newer_than_packaged.push_back(r.version);
        auto recorded = m_store.record_watch_check((*due)[i], result, now);
        if (!recorded)
            m_log("upstream monitoring: " + (*due)[i].name + ": " + recorded.error().message);
        else if (!result.error.empty())
            m_log("upstream monitoring: " + (*due)[i].name + ": " + result.error);
    }
}

} // namespace kaiyuan::jobs
