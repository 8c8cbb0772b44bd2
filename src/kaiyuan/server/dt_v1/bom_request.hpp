#pragma once
/// The body of Dependency-Track v4's BOM upload (PUT /api/v1/bom as JSON, POST /api/v1/bom as
/// multipart/form-data): which project, whether to create it, and the document itself (base64 in
/// JSON, bytes or text in multipart).
#include "kaiyuan/util/error.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::server::dt_v1 {

struct BomRequest {
    std::string project; ///< uuid
    std::string project_name;
    std::string project_version;
    bool auto_create = false;
    std::string parent_uuid;
    std::string parent_name;
    std::string parent_version;
    std::vector<std::string> tags; ///< projectTags, for a project the upload creates
    bool is_latest = false;        ///< isLatest, likewise
    std::string bom;               ///< decoded bytes
};

/// Reads the JSON envelope ({"project": ..., "bom": BASE64, ...}); fails naming the field.
Result<BomRequest> parse_bom_json(std::string_view body);
/// Reads the multipart fields (already split by the HTTP layer).
Result<BomRequest> parse_bom_form(const std::map<std::string, std::string>& form);

} // namespace kaiyuan::server::dt_v1
