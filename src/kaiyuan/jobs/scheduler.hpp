#pragma once
/// What `kaiyuan serve` does on a clock: `db update` into the store every so often (the changed
/// advisories' re-matching is queued by the import itself), and each project's metrics recorded
/// once a day.
#include "kaiyuan/store/store.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kaiyuan::jobs {

struct ScheduleOptions {
    int advisory_update_seconds = 0;     ///< 0: never
    std::string osv_base;                ///< where OSV's exports are
    std::vector<std::string> ecosystems; ///< empty: those in the store, else a default set
    std::string download_dir;
    bool daily_metrics = true;
};

class Scheduler {
public:
    /// `log` gets one line per update and per failure; `changed` is called after an import
    /// that changed something (to wake the workers).
    Scheduler(store::Store& store, ScheduleOptions options,
              std::function<void(const std::string&)> log, std::function<void()> changed);
    ~Scheduler();
    void stop();

private:
    void run();
    void update_advisories();

    store::Store& m_store;
    ScheduleOptions m_options;
    std::function<void(const std::string&)> m_log;
    std::function<void()> m_changed;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace kaiyuan::jobs
