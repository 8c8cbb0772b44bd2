#include "kaiyuan/jobs/worker.hpp"

#include "kaiyuan/jobs/analysis.hpp"
#include "kaiyuan/jobs/sbom_upload.hpp"
#include "kaiyuan/store/advisories.hpp"
#include "kaiyuan/util/random.hpp"

#include <malloc.h>

#include <chrono>

namespace kaiyuan::jobs {

Workers::Workers(store::Store& store, std::size_t threads,
                 std::function<void(const std::string&)> log, std::int64_t lease_ms)
    : m_store(store), m_log(std::move(log)), m_owner_prefix(util::uuid4().substr(0, 8)),
      m_lease_ms(lease_ms) {
    for (std::size_t i = 0; i < threads; ++i)
        m_threads.emplace_back([this, i] { run(i); });
}

Workers::~Workers() {
    stop();
}

void Workers::notify() {
    {
        std::lock_guard lock(m_mutex);
        ++m_signals;
    }
    m_wake.notify_one();
}

void Workers::stop() {
    m_stopping = true;
    m_wake.notify_all();
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
}

void Workers::run(std::size_t n) {
    // The owner names this process and thread; a lease held by it is its alone.
    std::string owner = m_owner_prefix + "-" + std::to_string(n);
    while (!m_stopping) {
        auto job = m_store.claim_job(owner, m_lease_ms);
        if (!job) {
            m_log("job queue: " + job.error().message);
        } else if (*job) {
            const store::ClaimedJob& j = **job;
            if (j.info.attempts > k_max_attempts) {
                (void)m_store.fail_job(j, "gave up after " + std::to_string(k_max_attempts) +
                                              " attempts");
                continue;
            }
            store::StoreAdvisories advisories(m_store);
            auto done = j.info.kind == store::k_rematch_job   ? run_rematch(m_store, advisories, j)
                        : j.info.kind == store::k_rejudge_job ? run_rejudge(m_store, j)
                                                              : run_upload(m_store, j);
            if (!done) m_log("job " + j.info.token + ": " + done.error().message);
            if (++m_since_checkpoint % k_checkpoint_every == 0) m_store.checkpoint();
            // A large document's model is freed now; hand the pages back to the system rather
            // than keep every thread's peak (glibc keeps freed memory in per-thread arenas).
            ::malloc_trim(0);
            continue; // more may be waiting
        }
        // Idle after work: a good moment to fold the log back.
        if (m_since_checkpoint.exchange(0) > 0) m_store.checkpoint();
        // Idle: wait for this process's next upload, or poll for other processes' jobs.
        std::unique_lock lock(m_mutex);
        std::uint64_t seen = m_signals;
        m_wake.wait_for(lock, std::chrono::milliseconds(250),
                        [&] { return m_stopping || m_signals != seen; });
    }
}

} // namespace kaiyuan::jobs
