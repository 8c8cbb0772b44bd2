/// The durable job queue: a row per job in the database, claimed with a lease. A worker that dies
/// loses its lease and another takes the job; a job's result is written in the same transaction
/// that marks it done, and only by the lease's owner, so no job's effect happens twice.
#include "kaiyuan/store/content.hpp"
#include "kaiyuan/store/finding_rows.hpp"
#include "kaiyuan/store/notifications.hpp"
#include "kaiyuan/store/store.hpp"
#include "kaiyuan/util/random.hpp"

namespace kaiyuan::store {

namespace {

JobStatus status_from(std::string_view s) {
    if (s == "running") return JobStatus::running;
    if (s == "done") return JobStatus::done;
    if (s == "failed") return JobStatus::failed;
    return JobStatus::queued;
}

} // namespace

Result<std::string> Store::enqueue_upload(const Access& a, const Project& p,
                                          const std::string& source, const std::string& content) {
    return with_connection([&](Connection& c) -> Result<std::string> {
        std::string token = util::uuid4();
        auto r =
            c.query("INSERT INTO jobs(token, kind, project_id, source, key_id, user_id, payload, "
                    "status, created_at) "
                    "VALUES($1, 'sbom-upload', $2, $3, $4, $5, $6, 'queued', $7)",
                    {token, p.id, source, a.key_id, a.user_id ? Value(a.user_id) : Value(),
                     Blob{pack_content(content)}, util::utc_now()});
        if (!r) return unexpected(r.error());
        return token;
    });
}

Result<JobInfo> Store::job(const Access& a, const std::string& token) {
    return with_connection([&](Connection& c) -> Result<JobInfo> {
        std::vector<Value> params{token};
        std::string sql =
            "SELECT j.token, j.kind, j.status, p.uuid, s.uuid, j.error, j.attempts, j.created_at, "
            "j.finished_at FROM jobs j LEFT JOIN projects p ON p.id = j.project_id "
            "LEFT JOIN sboms s ON s.id = j.sbom_id WHERE j.token = $1 AND " +
            visible_condition(a, params, "j.project_id");
        auto rows = c.query(sql, std::span<const Value>(params));
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return not_found("job " + token);
        const Row& row = rows->front();
        JobInfo j;
        j.token = row.text(0);
        j.kind = row.text(1);
        j.status = status_from(row.text(2));
        j.project_uuid = row.text(3);
        j.sbom_uuid = row.text(4);
        j.error = row.text(5);
        j.attempts = row.integer(6);
        j.created_at = row.text(7);
        j.finished_at = row.text(8);
        return j;
    });
}

Result<std::optional<ClaimedJob>> Store::claim_job(const std::string& owner,
                                                   std::int64_t lease_ms) {
    return with_connection([&](Connection& c) -> Result<std::optional<ClaimedJob>> {
        std::int64_t now = util::now_ms();
        // SQLite runs the statement under its one write lock; PostgreSQL's SKIP LOCKED lets
        // several workers and processes claim different jobs at once without waiting.
        std::string pick = "SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND "
                           "lease_until < $3) "
                           "ORDER BY id LIMIT 1";
        if (c.dialect() == Dialect::postgres) pick += " FOR UPDATE SKIP LOCKED";
        auto rows = c.query(
            "UPDATE jobs SET status = 'running', lease_owner = $1, lease_until = $2, "
            "attempts = attempts + 1 WHERE id = (" +
                pick +
                ") RETURNING id, token, kind, project_id, source, key_id, payload, attempts, "
                "created_at, user_id",
            {owner, now + lease_ms, now});
        if (!rows) return unexpected(rows.error());
        if (rows->empty()) return std::optional<ClaimedJob>();
        const Row& row = rows->front();
        ClaimedJob j;
        j.id = row.integer(0);
        j.info.token = row.text(1);
        j.info.kind = row.text(2);
        j.project_id = row.integer(3);
        j.source = row.text(4);
        j.key_id = row.integer(5);
        j.stored_payload = row.text(6);
        auto payload = unpack_content(j.stored_payload);
        if (!payload) return unexpected(payload.error());
        j.payload = std::move(*payload);
        j.info.attempts = row.integer(7);
        j.info.created_at = row.text(8);
        j.user_id = row.is_null(9) ? 0 : row.integer(9);
        j.info.status = JobStatus::running;
        j.lease_owner = owner;
        return std::optional<ClaimedJob>(std::move(j));
    });
}

Result<void> finish_leased_job(Connection& c, const ClaimedJob& job, const std::string& now,
                               bool keep_payload) {
    auto held = c.query(std::string("UPDATE jobs SET status = 'done', finished_at = $1") +
                            (keep_payload ? "" : ", payload = NULL") +
                            " WHERE id = $2 AND lease_owner = $3 AND status = 'running'",
                        {now, job.id, job.lease_owner});
    if (!held) return unexpected(held.error());
    if (c.changes() == 0)
        return conflict("job " + job.info.token + ": lease lost to another worker");
    return {};
}

Result<void> lock_analysis(Connection& c) {
    if (c.dialect() != Dialect::postgres) return {};
    if (auto r = c.query("SELECT pg_advisory_xact_lock(7316)"); !r) return unexpected(r.error());
    return {};
}

Result<void> Store::fail_job(const ClaimedJob& job, const std::string& error) {
    return with_connection([&](Connection& c) -> Result<void> {
        Transaction t(c);
        if (auto r = t.begin(); !r) return unexpected(r.error());
        std::string now = util::utc_now();
        auto r = c.query("UPDATE jobs SET status = 'failed', error = $1, finished_at = $2 "
                         "WHERE id = $3 AND lease_owner = $4 AND status = 'running'",
                         {error, now, job.id, job.lease_owner});
        if (!r) return unexpected(r.error());
        if (c.changes() > 0 && job.project_id > 0) {
            Event failed{"upload.failed",
                         job.project_id,
                         {{"job", job.info.token}, {"source", job.source}, {"error", error}},
                         "",
                         {}};
            if (auto n = notify(c, {failed}, now); !n) return n;
        }
        return t.commit();
    });
}

void Store::checkpoint() {
    if (m_dialect != Dialect::sqlite) return;
    (void)with_connection(
        [](Connection& c) { return c.script("PRAGMA wal_checkpoint(TRUNCATE)"); });
}

Result<std::int64_t> Store::pending_jobs() {
    return with_connection([&](Connection& c) -> Result<std::int64_t> {
        auto r = c.query("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')");
        if (!r) return unexpected(r.error());
        return r->front().integer(0);
    });
}

} // namespace kaiyuan::store
