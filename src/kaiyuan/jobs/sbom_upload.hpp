#pragma once
/// An SBOM upload: checked when it arrives (so that the uploader hears at once what is wrong),
/// then stored by a worker (read again, since the queue holds bytes, not parsed models).
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/store/store.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::jobs {

struct CheckedSbom {
    std::string format;       ///< kaiyuan's name of the format: cyclonedx-json, spdx-json, ...
    std::string spec_version; ///< the version the document declares
    model::Sbom sbom;
};

/// Reads `bytes` as any SBOM format kaiyuan reads and checks it against its format's schema;
/// fails with what is wrong (and where, when the reader knows). `name` names it in messages.
Result<CheckedSbom> check_sbom(std::string_view bytes, const std::string& name);

/// Reads `bytes` as any SBOM format kaiyuan reads, without the schema check.
Result<CheckedSbom> read_sbom(std::string_view bytes, const std::string& name);

/// Runs one claimed upload job: reads the SBOM and stores it with its components in one
/// transaction that also marks the job done. A document that fails to read marks it failed.
Result<void> run_upload(store::Store& store, const store::ClaimedJob& job);

} // namespace kaiyuan::jobs
