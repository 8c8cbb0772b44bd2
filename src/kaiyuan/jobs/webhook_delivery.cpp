#include "kaiyuan/jobs/webhook_delivery.hpp"

#include "kaiyuan/util/random.hpp"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>

namespace kaiyuan::jobs {

namespace {

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
    return size * n;
}

/// Loopback, link-local (cloud metadata services live there), private, carrier-grade NAT,
/// unspecified and IPv6 unique-local addresses: a webhook's URL must not reach the server's own
/// network unless the operator allows it (server-side request forgery).
bool is_internal(const sockaddr* a) {
    if (a->sa_family == AF_INET) {
        std::uint32_t ip = ntohl(reinterpret_cast<const sockaddr_in*>(a)->sin_addr.s_addr);
        auto in = [ip](std::uint32_t net, int bits) {
            return (ip >> (32 - bits)) == (net >> (32 - bits));
        };
        return in(0x7f000000, 8) || in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16) ||
               in(0xa9fe0000, 16) || in(0x64400000, 10) || in(0x00000000, 8);
    }
    if (a->sa_family == AF_INET6) {
        const in6_addr& ip = reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(&ip) || IN6_IS_ADDR_LINKLOCAL(&ip) ||
            IN6_IS_ADDR_UNSPECIFIED(&ip) || (ip.s6_addr[0] & 0xfe) == 0xfc)
            return true;
        if (IN6_IS_ADDR_V4MAPPED(&ip)) {
            sockaddr_in v4{};
            v4.sin_family = AF_INET;
            std::memcpy(&v4.sin_addr, ip.s6_addr + 12, 4);
            return is_internal(reinterpret_cast<const sockaddr*>(&v4));
        }
    }
    return false;
}

struct Guard {
    bool allow_internal = false;
    bool refused = false;
};

/// Checks the address curl is about to connect to (after DNS, so a name that resolves to an
/// internal address is caught, and so is a redirect; curl follows none here anyway).
curl_socket_t open_socket(void* clientp, curlsocktype, curl_sockaddr* address) {
    auto* guard = static_cast<Guard*>(clientp);
    if (!guard->allow_internal && is_internal(&address->addr)) {
        guard->refused = true;
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

/// POSTs one notification; "" when the receiver took it (2xx), else why not.
std::string post(const store::Delivery& d, int timeout_seconds, bool allow_internal) {
    CURL* curl = curl_easy_init();
    if (!curl) return "cannot start an HTTP client";
    Guard guard{allow_internal, false};
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &guard);
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
    if (guard.refused)
        return "the URL's address is on an internal network (loopback, link-local or private); "
               "kaiyuan serve --webhook-allow-internal allows that";
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
                                 std::int64_t lease_ms, bool allow_internal, int timeout_seconds)
    : m_store(store), m_log(std::move(log)), m_lease_ms(lease_ms), m_allow_internal(allow_internal),
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
                std::string error = post(d, m_timeout_seconds, m_allow_internal);
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
