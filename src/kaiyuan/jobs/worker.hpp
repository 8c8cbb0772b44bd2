#pragma once
/// The worker loop: threads that claim jobs from the store's queue and run them. Several
/// processes may run workers on one PostgreSQL; each job is done once (see store/jobs.cpp).
#include "kaiyuan/store/store.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kaiyuan::jobs {

class Workers {
public:
    /// `log` receives one line per failed or refused job (the server prints them on stderr).
    /// `lease_ms`: how long a claimed job is held before another worker may take it over (a
    /// worker that died is noticed after this long).
    Workers(store::Store& store, std::size_t threads, std::function<void(const std::string&)> log,
            std::int64_t lease_ms = k_default_lease_ms);
    ~Workers();
    /// Wakes an idle worker at once (an upload was queued in this process); others poll.
    void notify();
    /// Stops claiming, finishes the jobs in hand, joins the threads.
    void stop();

    static constexpr std::int64_t k_default_lease_ms = 60'000;
    /// A job that made its worker die this many times is marked failed, not retried forever.
    static constexpr std::int64_t k_max_attempts = 5;

private:
    void run(std::size_t n);

    store::Store& m_store;
    std::function<void(const std::string&)> m_log;
    std::string m_owner_prefix;
    std::int64_t m_lease_ms;
    std::atomic<bool> m_stopping{false};
    /// Jobs done since the store's log was last checkpointed (store::Store::checkpoint).
    std::atomic<std::uint64_t> m_since_checkpoint{0};
    static constexpr std::uint64_t k_checkpoint_every = 64;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::uint64_t m_signals = 0;
    std::vector<std::thread> m_threads;
};

} // namespace kaiyuan::jobs
