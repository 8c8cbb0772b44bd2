/// Webhooks and their outbox: created per team, claimed for delivery under a lease (as jobs
/// are), retried with backoff (notifications.hpp writes the outbox rows).
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>

namespace kaiyuan::store {

namespace {

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& x : list)
        out += (out.empty() ? "" : ",") + x;
    return out;
}

std::vector<std::string> list_of(const std::string& text) {
    std::vector<std::string> out;
    for (auto part : util::split(text, ','))
        if (!part.empty()) out.emplace_back(part);
    return out;
}

/// Only admin webhooks hear of every project; a team's hears of what its team sees.
std::string owner_condition(const Access& a, std::vector<Value>& params) {
    if (a.admin()) return "1=1";
    params.emplace_back(a.team_id);
    return "w.team_id = $" + std::to_string(params.size()) + " AND w.admin = 0";
}

} // namespace

Result<Webhook> Store::create_webhook(const Access& a, Webhook hook) {
    if (!hook.url.starts_with("http://") && !hook.url.starts_with("https://"))
        return invalid("'url' must be an http:// or https:// URL");
    if (hook.url.size() > 2048) return invalid("'url' is longer than 2048 characters");
    for (const auto& e : hook.events)
        if (std::find_if(std::begin(k_webhook_events), std::end(k_webhook_events),
                         [&](const char* k) { return e == k; }) == std::end(k_webhook_events))
            return invalid("'" + e +
                           "' is not an event (finding.new, advisory.affecting, "
                           "policy.violation, upload.processed, upload.failed, "
                           "upstream.release, upstream.fixing-upgrade)");
    if (!hook.min_severity.empty() && hook.min_severity != "low" && hook.min_severity != "medium" &&
        hook.min_severity != "high" && hook.min_severity != "critical")
        return invalid("'minSeverity' must be low, medium, high or critical");
    for (const auto& list : {hook.events, hook.projects, hook.tags})
        for (const auto& x : list)
            if (x.empty() || x.find(',') != std::string::npos || x.size() > 256)
                return invalid("filters are non-empty names without commas");
    if (hook.secret.empty()) hook.secret = util::base64url(util::random_bytes(32));
    if (hook.secret.size() < 16) return invalid("'secret' must have at least 16 characters");
    return with_connection([&](Connection& c) -> Result<Webhook> {
        for (const auto& uuid : hook.projects)
            if (auto p = visible_project(c, a, uuid); !p) return unexpected(p.error());
        hook.uuid = util::uuid4();
        hook.created_at = util::utc_now();
        hook.team = a.team;
        auto r =
            c.query("INSERT INTO webhooks(uuid, team_id, admin, url, secret, events, "
                    "projects, tags, min_severity, created_at) VALUES($1, $2, $3, $4, $5, "
                    "$6, $7, $8, $9, $10)",
                    {hook.uuid, a.team_id ? Value(a.team_id) : Value(),
                     std::int64_t(a.admin() ? 1 : 0), hook.url, hook.secret, joined(hook.events),
                     joined(hook.projects), joined(hook.tags), hook.min_severity, hook.created_at});
        if (!r) return unexpected(r.error());
        return hook;
    });
}

Result<std::vector<Webhook>> Store::webhooks(const Access& a) {
    return with_connection([&](Connection& c) -> Result<std::vector<Webhook>> {
        std::vector<Value> params;
        std::string sql =
            "SELECT w.uuid, w.url, w.events, w.projects, w.tags, w.min_severity, "
            "COALESCE(t.name, ''), w.created_at, (SELECT count(*) FROM outbox o WHERE "
            "o.webhook_id = w.id AND o.status = 'pending'), (SELECT count(*) FROM outbox o WHERE "
            "o.webhook_id = w.id AND o.status = 'delivered'), (SELECT count(*) FROM outbox o "
            "WHERE o.webhook_id = w.id AND o.status = 'failed') FROM webhooks w LEFT JOIN teams "
            "t ON t.id = w.team_id WHERE " +
            owner_condition(a, params) + " ORDER BY w.id";
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        std::vector<Webhook> out;
        for (const Row& row : *rows) {
            Webhook h;
            h.uuid = row.text(0);
            h.url = row.text(1);
            h.events = list_of(row.text(2));
            h.projects = list_of(row.text(3));
            h.tags = list_of(row.text(4));
            h.min_severity = row.text(5);
            h.team = row.text(6);
            h.created_at = row.text(7);
            h.pending = row.integer(8);
            h.delivered = row.integer(9);
            h.failed = row.integer(10);
            out.push_back(std::move(h));
        }
        return out;
    });
}

Result<void> Store::delete_webhook(const Access& a, const std::string& uuid) {
    return with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        std::vector<Value> params{uuid};
        std::string sql =
            "SELECT w.id FROM webhooks w WHERE w.uuid = $1 AND " + owner_condition(a, params);
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return not_found("webhook " + uuid);
        std::int64_t id = rows->front().integer(0);
        if (auto r = c.query("DELETE FROM outbox WHERE webhook_id = $1", {id}); !r)
            return unexpected(r.error());
        if (auto r = c.query("DELETE FROM webhooks WHERE id = $1", {id}); !r)
            return unexpected(r.error());
        return t.commit();
    });
}

Result<std::vector<DeliveryInfo>> Store::deliveries(const Access& a, const std::string& uuid,
                                                    std::size_t limit) {
    return with_connection([&](Connection& c) -> Result<std::vector<DeliveryInfo>> {
        std::vector<Value> params{uuid};
        std::string sql =
            "SELECT w.id FROM webhooks w WHERE w.uuid = $1 AND " + owner_condition(a, params);
        auto hook = c.query(sql, std::span<const Value>(params));
        if (!hook) return unexpected(hook.error());
        if (hook->empty()) return not_found("webhook " + uuid);
        auto rows = c.query("SELECT uuid, event, created_at, status, COALESCE(delivered_at, ''), "
                            "last_error, attempts FROM outbox WHERE webhook_id = $1 ORDER BY id "
                            "DESC LIMIT $2",
                            {hook->front().integer(0),
                             static_cast<std::int64_t>(std::min<std::size_t>(limit, 10000))});
        if (!rows) return unexpected(rows.error());
        std::vector<DeliveryInfo> out;
        for (const Row& row : *rows)
            out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                           row.text(5), row.integer(6)});
        return out;
    });
}

Result<std::vector<Delivery>> Store::claim_deliveries(const std::string& owner, std::size_t limit,
                                                      std::int64_t lease_ms) {
    return with_connection([&](Connection& c) -> Result<std::vector<Delivery>> {
        std::int64_t now = util::now_ms();
        std::string pick = "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= "
                           "$3 AND (lease_until IS NULL OR lease_until < $3) ORDER BY id LIMIT $4";
        if (c.dialect() == Dialect::postgres) pick += " FOR UPDATE SKIP LOCKED";
        auto rows = c.query("UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = "
                            "attempts + 1 WHERE id IN (" +
                                pick + ") RETURNING id, uuid, event, body, attempts, webhook_id",
                            {owner, now + lease_ms, now, static_cast<std::int64_t>(limit)});
        if (!rows) return unexpected(rows.error());
        std::vector<Delivery> out;
        for (const Row& row : *rows) {
            auto hook = c.query("SELECT url, secret FROM webhooks WHERE id = $1", {row.integer(5)});
            if (!hook) return unexpected(hook.error());
            if (hook->empty()) continue; // deleted meanwhile (its outbox goes with it)
            out.push_back({row.integer(0), row.text(1), hook->front().text(0),
                           hook->front().text(1), row.text(2), row.text(3), owner, row.integer(4)});
        }
        std::sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.id < y.id; });
        return out;
    });
}

Result<void> Store::finish_delivery(const Delivery& d, bool delivered, const std::string& error) {
    return with_connection([&](Connection& c) -> Result<void> {
        if (delivered) {
            auto r = c.query("UPDATE outbox SET status = 'delivered', delivered_at = $1, "
                             "last_error = '', lease_owner = NULL, lease_until = NULL WHERE id = "
                             "$2 AND lease_owner = $3",
                             {util::utc_now(), d.id, d.owner});
            if (!r) return unexpected(r.error());
            return {};
        }
        // 1 s, 2 s, 4 s ... an hour between attempts.
        std::int64_t wait_ms = 1000ll << std::min<std::int64_t>(d.attempts - 1, 12);
        wait_ms = std::min<std::int64_t>(wait_ms, 3'600'000);
        bool give_up = d.attempts >= k_max_delivery_attempts;
        auto r =
            c.query("UPDATE outbox SET status = $1, last_error = $2, next_attempt_at = $3, "
                    "lease_owner = NULL, lease_until = NULL WHERE id = $4 AND lease_owner = $5",
                    {std::string(give_up ? "failed" : "pending"), error.substr(0, 1000),
                     util::now_ms() + wait_ms, d.id, d.owner});
        if (!r) return unexpected(r.error());
        return {};
    });
}

} // namespace kaiyuan::store
