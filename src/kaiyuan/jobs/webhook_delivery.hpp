#pragma once
/// Webhook delivery: a thread that leases due notifications from the store's outbox and POSTs
/// each to its webhook, signed (X-Kaiyuan-Signature-256: sha256=HMAC-SHA256(secret, body) in
/// hex, as GitHub signs its webhooks) and named (X-Kaiyuan-Delivery: the notification's id, the
/// same on every attempt, so that receivers can de-duplicate). A 2xx answer delivers it;
/// anything else is retried with backoff (store::Store::finish_delivery). At least once: a
/// process killed between the POST and the mark posts it again after the lease.
#include "kaiyuan/store/store.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kaiyuan::jobs {

/// "sha256=" and the hex HMAC-SHA256 of `body` under `secret`.
std::string webhook_signature(const std::string& secret, const std::string& body);

class WebhookDelivery {
public:
    /// `log` receives one line per failed attempt. A notification is leased for `lease_ms`
    /// (the server's --job-lease): a killed process's is posted again after that long, and a
    /// receiver slower than that may get it twice when several servers deliver. Receivers on
    /// internal addresses (loopback, link-local, private) are refused unless `allow_internal`.
    WebhookDelivery(store::Store& store, std::function<void(const std::string&)> log,
                    std::int64_t lease_ms, bool allow_internal = false, int timeout_seconds = 10);
    ~WebhookDelivery();
    /// Finishes the POSTs in hand and joins the thread.
    void stop();

private:
    void run();

    store::Store& m_store;
    std::function<void(const std::string&)> m_log;
    std::int64_t m_lease_ms;
    bool m_allow_internal;
    int m_timeout_seconds;
    std::string m_owner;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace kaiyuan::jobs
