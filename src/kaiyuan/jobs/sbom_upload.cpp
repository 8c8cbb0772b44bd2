#include "kaiyuan/jobs/sbom_upload.hpp"

#include "kaiyuan/format/format.hpp"
#include "kaiyuan/format/validate.hpp"
#include "kaiyuan/jobs/analysis.hpp"
#include "kaiyuan/store/advisories.hpp"

namespace kaiyuan::jobs {

namespace {

/// Reads a document whose format `detected` names into the model.
Result<CheckedSbom> read_detected(std::string_view bytes, const std::string& name,
                                  const format::Detection& detected) {
    auto sbom = format::read(bytes, name);
    if (!sbom) return unexpected(sbom.error());
    CheckedSbom out;
    out.format = format::name_of(detected.format);
    out.spec_version = detected.version;
    out.sbom = std::move(*sbom);
    return out;
}

Result<format::Detection> detect(std::string_view bytes, const std::string& name) {
    if (bytes.empty()) return fail(name + ": empty document");
    auto detected = format::inspect(bytes);
    if (!detected) return fail(name + ": " + detected.error().message);
    return detected;
}

} // namespace

Result<CheckedSbom> read_sbom(std::string_view bytes, const std::string& name) {
    auto detected = detect(bytes, name);
    if (!detected) return unexpected(detected.error());
    return read_detected(bytes, name, *detected);
}

Result<CheckedSbom> check_sbom(std::string_view bytes, const std::string& name) {
    auto detected = detect(bytes, name);
    if (!detected) return unexpected(detected.error());
    if (detected->format == format::Format::table) return fail(name + ": not an SBOM");
    auto problems = format::schema_problems(bytes, *detected);
    if (!problems.empty()) {
        std::string message = name + ": not a valid " +
                              std::string(format::name_of(detected->format)) + " document: ";
        for (std::size_t i = 0; i < problems.size() && i < 10; ++i)
            message += (i ? "; " : "") + problems[i];
        if (problems.size() > 10)
            message += "; and " + std::to_string(problems.size() - 10) + " more";
        return fail(message);
    }
    return read_detected(bytes, name, *detected);
}

Result<void> run_upload(store::Store& store, const store::ClaimedJob& job) {
    // The document passed check_sbom when it was accepted; the schema is not checked again.
    auto checked = read_sbom(job.payload, "upload " + job.info.token);
    if (!checked) return store.fail_job(job, checked.error().message);
    store::SbomUpload upload;
    upload.project_id = job.project_id;
    upload.source = job.source;
    upload.key_id = job.key_id;
    upload.user_id = job.user_id;
    upload.format = checked->format;
    upload.spec_version = checked->spec_version;
    upload.content = job.payload;
    upload.packed_content = job.stored_payload;
    // Matched against the advisories as they are now; re-matches queued from here on are run
    // again once the SBOM is stored (Analysis::rematch_mark).
    auto mark = store.rematch_mark();
    if (!mark) return unexpected(mark.error());
    store::StoreAdvisories advisories(store);
    // The store's policy as it is now (checked when it was set; one that no longer reads, after
    // an upgrade of the license list, fails the job rather than passing everything).
    std::string policy_text;
    auto policy = store_policy(store, policy_text);
    if (!policy) return store.fail_job(job, policy.error().message);
    auto analysis = analyse(checked->sbom, advisories, *policy ? &**policy : nullptr);
    if (!analysis) return unexpected(analysis.error());
    analysis->rematch_mark = *mark;
    analysis->policy_text = std::move(policy_text);
    auto stored = store.complete_upload(job, upload, checked->sbom, *analysis);
    if (!stored) return unexpected(stored.error());
    return {};
}

} // namespace kaiyuan::jobs
