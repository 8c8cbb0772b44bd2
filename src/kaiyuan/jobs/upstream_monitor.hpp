#pragma once
/// Upstream monitoring in `kaiyuan serve` (docs/server.md, "Upstream monitoring"): a thread that
/// takes the watches that are due (store::Store::claim_due_watches), checks their upstreams as
/// `kaiyuan upstream check` does (all at once: git upstreams on threads, registries in flight
/// together), and records what each found; releases newer than the packaged version are
/// announced to webhooks as upstream.release when first seen.
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/upstream/description.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kaiyuan::jobs {

struct UpstreamMonitorOptions {
    int poll_seconds = 30;               ///< how often due watches are looked for
    std::vector<std::string> registries; ///< KIND=URL, as `upstream check --registry`
    std::string git_config;              ///< url.<base>.insteadOf from this file
    std::string cache_dir;               ///< registry answers kept here ("" none)
};

/// A watch's upstream description from the JSON the API takes and the store keeps
/// ({"versionControl": "github", "srcRepo": "madler/zlib", "tagPrefix": "^v", ...});
/// fails, saying which field, for anything else.
Result<upstream::UpstreamDescription> description_from_json(const std::string& text);

class UpstreamMonitor {
public:
    /// Fails when a registry setting is wrong.
    static Result<std::unique_ptr<UpstreamMonitor>>
    start(store::Store& store, UpstreamMonitorOptions options,
          std::function<void(const std::string&)> log);
    ~UpstreamMonitor();
    void stop();
    /// Looks for due watches now (a watch was made due by the API).
    void wake();

private:
    UpstreamMonitor(store::Store& store, UpstreamMonitorOptions options,
                    std::function<void(const std::string&)> log);
    void run();
    void check_due();

    store::Store& m_store;
    UpstreamMonitorOptions m_options;
    std::function<void(const std::string&)> m_log;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false, m_woken = false;
    std::thread m_thread;
};

} // namespace kaiyuan::jobs
