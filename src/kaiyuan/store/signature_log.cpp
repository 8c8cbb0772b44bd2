/// The signing service's log: every signature the server makes, appended with a dense index,
/// never changed (the migration's triggers refuse updates and deletes). The leaf of an entry is
/// its canonical JSON, members in a fixed order, compact, so that anyone holding it can hash it
/// (docs/server.md "Signing service").
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace kaiyuan::store {

namespace {

constexpr const char* k_columns = "idx, created_at, actor, team, key_name, keyid, kind, "
                                  "signed_digest, signature, leaf, leaf_hash";

SignatureLogEntry entry_of(const Row& row) {
    SignatureLogEntry e;
    e.index = row.integer(0);
    e.created_at = row.text(1);
    e.actor = row.text(2);
    e.team = row.text(3);
    e.key_name = row.text(4);
    e.keyid = row.text(5);
    e.kind = row.text(6);
    e.signed_digest = row.text(7);
    e.signature = row.text(8);
    e.leaf = row.text(9);
    e.leaf_hash = row.text(10);
    return e;
}

/// {"index":N,"time":...,"actor":...,"team":...,"key":...,"keyid":...,"kind":...,
///  "signedDigest":...,"signature":...}: nlohmann keeps insertion order with ordered_json.
std::string leaf_of(const SignatureLogEntry& e) {
    nlohmann::ordered_json j;
    j["index"] = e.index;
    j["time"] = e.created_at;
    j["actor"] = e.actor;
    j["team"] = e.team;
    j["key"] = e.key_name;
    j["keyid"] = e.keyid;
    j["kind"] = e.kind;
    j["signedDigest"] = e.signed_digest;
    j["signature"] = e.signature;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Lower-case hex (as the store writes it) to bytes; none for anything else.
std::optional<std::string> from_hex(const std::string& hex) {
    auto digit = [](char ch) {
        return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
    };
    if (hex.size() % 2) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = digit(hex[i]), lo = digit(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

} // namespace

Result<SignatureLogEntry> Store::append_signature(SignatureLogEntry entry) {
    return with_connection([&](Connection& c) -> Result<SignatureLogEntry> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        // SQLite's write transaction is the lock; PostgreSQL serialises appenders on an advisory
        // lock held to the commit, so that max(idx) + 1 is never taken twice.
        if (c.dialect() == Dialect::postgres)
            if (auto r = c.query("SELECT pg_advisory_xact_lock(6962)"); !r)
                return unexpected(r.error());
        auto next = c.query("SELECT COALESCE(MAX(idx) + 1, 0) FROM signature_log");
        if (!next) return unexpected(next.error());
        entry.index = next->front().integer(0);
        entry.created_at = util::utc_now();
        entry.leaf = leaf_of(entry);
        entry.leaf_hash =
            util::digest_hex(util::DigestAlgorithm::sha256, std::string(1, '\0') + entry.leaf);
        auto r = c.query(std::string("INSERT INTO signature_log(") + k_columns +
                             ") VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                         {entry.index, entry.created_at, entry.actor, entry.team, entry.key_name,
                          entry.keyid, entry.kind, entry.signed_digest, entry.signature, entry.leaf,
                          entry.leaf_hash});
        if (!r) return unexpected(r.error());
        if (auto done = t.commit(); !done) return unexpected(done.error());
        return entry;
    });
}

Result<std::vector<SignatureLogEntry>> Store::signature_log(std::int64_t from, std::size_t limit) {
    return with_connection([&](Connection& c) -> Result<std::vector<SignatureLogEntry>> {
        auto rows = c.query(std::string("SELECT ") + k_columns +
                                " FROM signature_log WHERE idx >= $1 ORDER BY idx LIMIT $2",
                            {from, static_cast<std::int64_t>(limit)});
        if (!rows) return unexpected(rows.error());
        std::vector<SignatureLogEntry> out;
        for (const auto& row : *rows)
            out.push_back(entry_of(row));
        return out;
    });
}

Result<std::vector<std::string>> Store::signature_leaf_hashes(std::int64_t from) {
    return with_connection([&](Connection& c) -> Result<std::vector<std::string>> {
        auto rows = c.query("SELECT idx, leaf_hash FROM signature_log WHERE idx >= $1 ORDER BY idx",
                            {from});
        if (!rows) return unexpected(rows.error());
        std::vector<std::string> out;
        for (const auto& row : *rows) {
            if (row.integer(0) != from + static_cast<std::int64_t>(out.size()))
                return fail("the signature log has a gap before index " +
                            std::to_string(row.integer(0)));
            auto bytes = from_hex(row.text(1));
            if (!bytes || bytes->size() != 32)
                return fail("signature log entry " + std::to_string(row.integer(0)) +
                            " has a broken leaf hash");
            out.push_back(std::move(*bytes));
        }
        return out;
    });
}

} // namespace kaiyuan::store
