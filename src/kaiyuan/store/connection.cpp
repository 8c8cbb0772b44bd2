#include "kaiyuan/store/connection.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace kaiyuan::store {

const std::string& Row::text(std::size_t i) const {
    static const std::string empty;
    const auto& c = cells.at(i);
    return c ? *c : empty;
}

std::int64_t Row::integer(std::size_t i) const {
    const auto& c = cells.at(i);
    if (!c) return 0;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
    if (ec != std::errc()) {
        // PostgreSQL booleans arrive as "t"/"f" in text results.
        if (*c == "t") return 1;
        return 0;
    }
    return v;
}

Result<void> Connection::commit() {
    auto r = query("COMMIT", {});
    if (!r) return unexpected(r.error());
    return {};
}

void Connection::rollback() {
    (void)query("ROLLBACK", {});
}

Result<void> Transaction::begin() {
    auto r = m_connection.begin();
    if (r) m_open = true;
    return r;
}

Result<void> Transaction::commit() {
    auto r = m_connection.commit();
    // A failed COMMIT already ended the transaction in both engines, except for SQLite's BUSY,
    // which the rollback below ends.
    if (!r) return r;
    m_open = false;
    return {};
}

Transaction::~Transaction() {
    if (m_open) m_connection.rollback();
}

Result<std::unique_ptr<Connection>> connect(const std::string& url) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return connect_postgres(url);
    if (url.starts_with("sqlite:")) return connect_sqlite(url.substr(7));
    // Anything else with a scheme ("postgresql:/db", "mysql://") is a mistake, not a file name.
    auto colon = url.find(':');
    bool has_scheme =
        colon != std::string::npos && colon > 1 &&
        std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '+'; });
    if (has_scheme || url.find("://") != std::string::npos)
        return fail("database URL '" + redact_url(url) +
                    "': expected sqlite:PATH or postgresql://USER@HOST/DB");
    return connect_sqlite(url);
}

std::string redact_url(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    auto at = url.find('@', scheme + 3);
    if (at == std::string::npos) return url;
    auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

} // namespace kaiyuan::store
