#include "kaiyuan/jobs/webhook_delivery.hpp"

#include "kaiyuan/util/random.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>

namespace kaiyuan::jobs {

namespace {

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
    return size * n;
}

/// POSTs one notification; "" when the receiver took it (2xx), else why not.
std::string post(const store::Delivery& d, int timeout_seconds) {
    CURL* curl = curl_easy_init();
    if (!curl) return "cannot start an HTTP client";
    curl_slist* headers = nullptr;
    const std::string lines[] = {"Content-Type: application/json", "User-Agent: kaiyuan-webhook",
                                 "X-Kaiyuan-Event: " + d.event, "X-Kaiyuan-Delivery: " + d.uuid,
                                 "X-Kaiyuan-Signature-256: " + webhook_signature(d.secret, d.body)};
    for (const std::string& h : lines)
        headers = curl_slist_append(headers, h.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, d.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, d.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(d.body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return curl_easy_strerror(rc);
    if (status < 200 || status > 299) return "HTTP " + std::to_string(status);
    return "";
}

} // namespace

std::string webhook_signature(const std::string& secret, const std::string& body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &length);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "sha256=";
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 15];
    }
    return out;
}

WebhookDelivery::WebhookDelivery(store::Store& store, std::function<void(const std::string&)> log,
                                 std::int64_t lease_ms, int timeout_seconds)
    : m_store(store), m_log(std::move(log)), m_lease_ms(lease_ms),
      m_timeout_seconds(timeout_seconds), m_owner("deliver-" + util::uuid4()) {
    m_thread = std::thread([this] { run(); });
}

WebhookDelivery::~WebhookDelivery() {
    stop();
}

void WebhookDelivery::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void WebhookDelivery::run() {
    // One at a time: what a killed process held is posted again one lease later, not a batch's
    // worth of leases later.
    constexpr std::size_t k_batch = 1;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        auto claimed = m_store.claim_deliveries(m_owner, k_batch, m_lease_ms);
        std::size_t n = 0;
        if (!claimed) {
            m_log("webhook delivery: " + claimed.error().message);
        } else {
            n = claimed->size();
            for (const auto& d : *claimed) {
                std::string error = post(d, m_timeout_seconds);
                if (!error.empty())
                    m_log("webhook " + d.url + ": delivery " + d.uuid + " (" + d.event +
                          ", attempt " + std::to_string(d.attempts) + "): " + error);
                if (auto r = m_store.finish_delivery(d, error.empty(), error); !r)
                    m_log("webhook delivery: " + r.error().message);
            }
        }
        lock.lock();
        if (n < k_batch) // after a full batch more may be due at once
            m_wake.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stopping; });
    }
}

} // namespace kaiyuan::jobs
