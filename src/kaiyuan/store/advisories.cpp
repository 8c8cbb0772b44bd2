/// Advisories in the store: the index of vuln::Database (see vuln/advisory_store.hpp), in SQL both
/// backends share, imported in batches (one statement per thousand records, not per record).
#include "kaiyuan/store/advisories.hpp"

#include "kaiyuan/store/content.hpp"
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/vuln/osv_json.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace kaiyuan::store {

namespace {

constexpr std::size_t k_batch = 500;

const std::string_view k_advisory_columns[] = {"id", "modified", "record", "header"};
const std::string_view k_affected_columns[] = {"advisory", "ecosystem", "base", "name", "entries"};
const std::string_view k_alias_columns[] = {"alias", "advisory"};

Result<vuln::Advisory> one_record(const Rows& rows, std::string_view id) {
    if (rows.empty()) return not_found("advisory " + std::string(id));
    auto records = vuln::read_osv_json(rows.front().text(0));
    if (!records || records->empty())
        return fail(std::string(id) + ": stored record unreadable: " +
                    (records ? std::string("empty") : records.error().message));
    return std::move(records->front());
}

} // namespace

Result<vuln::ImportStats> StoreAdvisories::import(const std::vector<vuln::Advisory>& advisories,
                                                  const std::vector<vuln::SourceStatus>& sources) {
    m_changed.clear();
    std::vector<std::string> changed;
    auto result = m_store.with_connection([&](Connection& c) -> Result<vuln::ImportStats> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        vuln::ImportStats stats;
        std::set<std::string> ecosystems;
        for (std::size_t start = 0; start < advisories.size(); start += k_batch) {
            std::size_t n = std::min(k_batch, advisories.size() - start);
            // The stored `modified` of the batch's ids (a later duplicate in the batch sees the
            // earlier one as stored, as one-by-one import would).
            std::vector<Value> ids;
            for (std::size_t i = 0; i < n; ++i)
                ids.emplace_back(advisories[start + i].id);
            auto stored_rows = c.query("SELECT id, modified FROM advisories WHERE id IN (" +
                                           placeholders(1, n) + ")",
                                       std::span<const Value>(ids));
            if (!stored_rows) return unexpected(stored_rows.error());
            std::unordered_map<std::string, std::string> stored;
            for (const Row& row : *stored_rows)
                stored[row.text(0)] = row.text(1);
            std::vector<Value> removed; // stored before this batch
            std::vector<std::vector<Value>> adv_rows, aff_rows, alias_rows;
            std::set<std::string> pending; // written by this batch
            // A record twice in one batch: the later one's decision undoes the earlier rows.
            auto drop_pending = [&](const std::string& id) {
                auto other = [&](std::size_t column) {
                    return [&, column](const std::vector<Value>& row) {
                        return std::get<std::string>(row[column]) == id;
                    };
                };
                std::erase_if(adv_rows, other(0));
                std::erase_if(aff_rows, other(0));
                std::erase_if(alias_rows, other(1));
                pending.erase(id);
            };
            for (std::size_t i = 0; i < n; ++i) {
                const vuln::Advisory& a = advisories[start + i];
                auto found = stored.find(a.id);
                auto action =
                    vuln::import_action(a, found == stored.end() ? nullptr : &found->second);
                using A = vuln::ImportAction;
                bool was_pending = pending.count(a.id) > 0;
                switch (action) {
                case A::skip_withdrawn:
                    ++stats.withdrawn;
                    continue;
                case A::withdraw:
                    ++stats.withdrawn;
                    if (was_pending)
                        drop_pending(a.id);
                    else
                        removed.emplace_back(a.id);
                    stored.erase(found);
                    changed.push_back(a.id);
                    continue;
                case A::keep:
                    ++stats.unchanged;
                    continue;
                case A::replace:
                    ++stats.replaced;
                    if (was_pending)
                        drop_pending(a.id);
                    else
                        removed.emplace_back(a.id);
                    break;
                case A::add:
                    ++stats.added;
                    break;
                }
                changed.push_back(a.id);
                stored[a.id] = a.modified;
                pending.insert(a.id);
                vuln::IndexedAdvisory indexed = vuln::index_advisory(a);
                adv_rows.push_back({a.id, a.modified, indexed.record, indexed.header});
                for (const auto& row : indexed.affected) {
                    aff_rows.push_back({a.id, row.ecosystem, row.base, row.name, row.entries});
                    ecosystems.insert(row.ecosystem);
                }
                for (const auto& alias : a.aliases)
                    alias_rows.push_back({alias, a.id});
            }
            if (!removed.empty())
                for (const char* table : {"advisories WHERE id", "advisory_affected WHERE advisory",
                                          "advisory_aliases WHERE advisory"}) {
                    auto r = c.query(std::string("DELETE FROM ") + table + " IN (" +
                                         placeholders(1, removed.size()) + ")",
                                     std::span<const Value>(removed));
                    if (!r) return unexpected(r.error());
                }
            if (auto r = c.insert_rows("advisories", k_advisory_columns, adv_rows); !r)
                return unexpected(r.error());
            if (auto r = c.insert_rows("advisory_affected", k_affected_columns, aff_rows); !r)
                return unexpected(r.error());
            if (auto r = c.insert_rows("advisory_aliases", k_alias_columns, alias_rows); !r)
                return unexpected(r.error());
        }
        for (const std::string& e : ecosystems)
            if (auto r = c.query("INSERT INTO advisory_coverage(ecosystem) VALUES($1) "
                                 "ON CONFLICT DO NOTHING",
                                 {e});
                !r)
                return unexpected(r.error());
        std::string now = util::utc_now();
        for (const auto& s : sources)
            if (auto r = c.query(
                    "INSERT INTO advisory_sources(name, imported_at, records, etag, "
                    "last_modified) VALUES($1, $2, $3, $4, $5) ON CONFLICT(name) DO UPDATE SET "
                    "imported_at = excluded.imported_at, records = excluded.records, etag = "
                    "excluded.etag, last_modified = excluded.last_modified",
                    {s.name, now, static_cast<std::int64_t>(s.records), s.etag, s.last_modified});
                !r)
                return unexpected(r.error());
        // The re-matching of what changed, queued in the same transaction. Advisories that name
        // a changed one as an alias are re-matched too: one that states no severity takes its
        // alias's (vuln::KeyMatcher), which may just have changed.
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        std::vector<std::string> naming;
        for (std::size_t start = 0; start < changed.size(); start += k_batch) {
            std::size_t n = std::min(k_batch, changed.size() - start);
            std::vector<Value> ids(changed.begin() + static_cast<std::ptrdiff_t>(start),
                                   changed.begin() + static_cast<std::ptrdiff_t>(start + n));
            auto rows = c.query("SELECT DISTINCT advisory FROM advisory_aliases WHERE alias IN (" +
                                    placeholders(1, n) + ")",
                                std::span<const Value>(ids));
            if (!rows) return unexpected(rows.error());
            for (const Row& row : *rows)
                naming.push_back(row.text(0));
        }
        std::vector<std::string> queued = changed;
        queued.insert(queued.end(), naming.begin(), naming.end());
        std::sort(queued.begin(), queued.end());
        queued.erase(std::unique(queued.begin(), queued.end()), queued.end());
        for (std::size_t start = 0; start < queued.size(); start += k_batch) {
            std::string payload;
            for (std::size_t i = start; i < queued.size() && i < start + k_batch; ++i)
                payload += queued[i] + "\n";
            if (auto r = c.query(
                    "INSERT INTO jobs(token, kind, payload, status, created_at) "
                    "VALUES($1, $2, $3, 'queued', $4)",
                    {util::uuid4(), std::string(k_rematch_job), Blob{pack_content(payload)}, now});
                !r)
                return unexpected(r.error());
        }
        if (auto r = t.commit(); !r) return unexpected(r.error());
        return stats;
    });
    if (result) m_changed = std::move(changed);
    return result;
}

Result<std::vector<vuln::AffectedHit>> StoreAdvisories::lookup(std::string_view base,
                                                               std::string_view name) {
    return m_store.with_connection([&](Connection& c) -> Result<std::vector<vuln::AffectedHit>> {
        auto rows = c.query("SELECT id, advisory, ecosystem FROM advisory_affected WHERE base = $1 "
                            "AND name = $2",
                            {std::string(base), std::string(name)});
        if (!rows) return unexpected(rows.error());
        std::vector<vuln::AffectedHit> out;
        out.reserve(rows->size());
        for (const Row& row : *rows)
            out.push_back({row.integer(0), row.text(1), row.text(2)});
        return out;
    });
}

Result<std::string> StoreAdvisories::affected_entries(std::int64_t id) {
    return m_store.with_connection([&](Connection& c) -> Result<std::string> {
        auto rows = c.query("SELECT entries FROM advisory_affected WHERE id = $1", {id});
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return fail("no affected row " + std::to_string(id));
        return rows->front().text(0);
    });
}

Result<vuln::Advisory> StoreAdvisories::advisory(std::string_view id) {
    return m_store.with_connection([&](Connection& c) -> Result<vuln::Advisory> {
        std::string key(id);
        auto rows = c.query("SELECT record FROM advisories WHERE id = $1 UNION ALL SELECT a.record "
                            "FROM advisory_aliases l JOIN advisories a ON a.id = l.advisory "
                            "WHERE l.alias = $1 LIMIT 1",
                            {key});
        if (!rows) return unexpected(rows.error());
        return one_record(*rows, id);
    });
}

Result<vuln::Advisory> StoreAdvisories::advisory_header(std::string_view id) {
    return m_store.with_connection([&](Connection& c) -> Result<vuln::Advisory> {
        auto rows = c.query("SELECT header FROM advisories WHERE id = $1", {std::string(id)});
        if (!rows) return unexpected(rows.error());
        return one_record(*rows, id);
    });
}

Result<std::vector<std::string>> StoreAdvisories::resolve(std::string_view id) {
    return m_store.with_connection([&](Connection& c) -> Result<std::vector<std::string>> {
        auto rows = c.query("SELECT id FROM advisories WHERE id = $1 UNION SELECT advisory FROM "
                            "advisory_aliases WHERE alias = $1 ORDER BY 1",
                            {std::string(id)});
        if (!rows) return unexpected(rows.error());
        std::vector<std::string> out;
        for (const Row& row : *rows)
            out.push_back(row.text(0));
        return out;
    });
}

Result<std::vector<vuln::EcosystemStatus>> StoreAdvisories::ecosystems() {
    return m_store.with_connection([&](Connection& c)
                                       -> Result<std::vector<vuln::EcosystemStatus>> {
        auto rows = c.query("SELECT f.base, COUNT(DISTINCT f.advisory), MAX(a.modified) FROM "
                            "advisory_affected f JOIN advisories a ON a.id = f.advisory GROUP BY "
                            "f.base ORDER BY f.base");
        if (!rows) return unexpected(rows.error());
        std::vector<vuln::EcosystemStatus> out;
        for (const Row& row : *rows)
            out.push_back({row.text(0), static_cast<std::uint64_t>(row.integer(1)), row.text(2)});
        return out;
    });
}

Result<std::vector<std::string>> StoreAdvisories::covered_ecosystems() {
    return m_store.with_connection([&](Connection& c) -> Result<std::vector<std::string>> {
        auto rows = c.query("SELECT ecosystem FROM advisory_coverage ORDER BY ecosystem");
        if (!rows) return unexpected(rows.error());
        std::vector<std::string> out;
        for (const Row& row : *rows)
            out.push_back(row.text(0));
        return out;
    });
}

Result<std::vector<vuln::SourceStatus>> StoreAdvisories::sources() {
    return m_store.with_connection([&](Connection& c) -> Result<std::vector<vuln::SourceStatus>> {
        auto rows = c.query("SELECT name, imported_at, etag, last_modified, records FROM "
                            "advisory_sources ORDER BY name");
        if (!rows) return unexpected(rows.error());
        std::vector<vuln::SourceStatus> out;
        for (const Row& row : *rows)
            out.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                           static_cast<std::uint64_t>(row.integer(4))});
        return out;
    });
}

vuln::SourceStatus StoreAdvisories::source(const std::string& name) {
    auto found = m_store.with_connection([&](Connection& c) -> Result<vuln::SourceStatus> {
        auto rows = c.query("SELECT name, imported_at, etag, last_modified, records FROM "
                            "advisory_sources WHERE name = $1",
                            {name});
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return vuln::SourceStatus{};
        const Row& row = rows->front();
        return vuln::SourceStatus{row.text(0), row.text(1), row.text(2), row.text(3),
                                  static_cast<std::uint64_t>(row.integer(4))};
    });
    return found ? *found : vuln::SourceStatus{};
}

Result<std::uint64_t> StoreAdvisories::advisory_count() {
    return m_store.with_connection([&](Connection& c) -> Result<std::uint64_t> {
        auto rows = c.query("SELECT count(*) FROM advisories");
        if (!rows) return unexpected(rows.error());
        return static_cast<std::uint64_t>(rows->front().integer(0));
    });
}

std::string StoreAdvisories::location() const {
    return redact_url(m_store.url());
}

} // namespace kaiyuan::store
