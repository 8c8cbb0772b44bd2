#include "kaiyuan/jobs/scheduler.hpp"

#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/util/progress.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/vuln/updater.hpp"

#include <chrono>

namespace kaiyuan::jobs {

Scheduler::Scheduler(store::Store& store, ScheduleOptions options,
                     std::function<void(const std::string&)> log, std::function<void()> changed)
    : m_store(store), m_options(std::move(options)), m_log(std::move(log)),
      m_changed(std::move(changed)) {
    m_thread = std::thread([this] { run(); });
}

Scheduler::~Scheduler() {
    stop();
}

void Scheduler::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void Scheduler::update_advisories() {
    store::StoreAdvisories advisories(m_store);
    auto ecosystems = m_options.ecosystems.empty() ? vuln::default_update_ecosystems(advisories)
                                                   : m_options.ecosystems;
    auto report = vuln::update_from_osv(advisories, ecosystems, m_options.osv_base,
                                        m_options.download_dir, util::null_progress());
    if (!report) {
        m_log("advisory update: " + report.error().message);
        return;
    }
    std::size_t downloaded = 0;
    for (const auto& e : report->ecosystems) {
        if (e.outcome == vuln::EcosystemUpdate::Outcome::failed)
            m_log("advisory update: " + e.url + ": " + e.error);
        if (e.outcome == vuln::EcosystemUpdate::Outcome::downloaded) ++downloaded;
    }
    const auto& s = report->import.stats;
    if (downloaded > 0)
        m_log("advisory update: " + std::to_string(downloaded) + " exports downloaded, " +
              std::to_string(s.added) + " added, " + std::to_string(s.replaced) + " changed, " +
              std::to_string(s.withdrawn) + " withdrawn");
    if (s.added + s.replaced + s.withdrawn > 0 && m_changed) m_changed();
}

void Scheduler::run() {
    using clock = std::chrono::steady_clock;
    auto next_update = clock::now(); // at start, then every interval
    std::string recorded_day;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        if (m_options.advisory_update_seconds > 0 && clock::now() >= next_update) {
            update_advisories();
            next_update = clock::now() + std::chrono::seconds(m_options.advisory_update_seconds);
        }
        std::string today = util::utc_now().substr(0, 10);
        if (m_options.daily_metrics && today != recorded_day) {
            if (auto r = m_store.record_all_metrics(); !r)
                m_log("daily metrics: " + r.error().message);
            else
                recorded_day = today;
        }
        lock.lock();
        m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
    }
}

} // namespace kaiyuan::jobs
