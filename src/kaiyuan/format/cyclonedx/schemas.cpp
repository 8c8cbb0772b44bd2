// The CycloneDX JSON schemas embedded at build time (src/kaiyuan/format/CMakeLists.txt).
#include "kaiyuan/format/cyclonedx/schemas.hpp"

#include <string>

namespace kaiyuan::format::cyclonedx {

#ifdef KAIYUAN_HAVE_CYCLONEDX_SCHEMAS
extern const char* const k_schema_bom_1_2;
extern const char* const k_schema_bom_1_3;
extern const char* const k_schema_bom_1_4;
extern const char* const k_schema_bom_1_5;
extern const char* const k_schema_bom_1_6;
extern const char* const k_schema_bom_1_7;
extern const char* const k_schema_spdx;
extern const char* const k_schema_jsf_0_82;
extern const char* const k_schema_cryptography_defs;
#endif

const JsonSchemaSet* json_schemas() {
#ifdef KAIYUAN_HAVE_CYCLONEDX_SCHEMAS
    // Parsed once, on first use (thread-safe); the names are those the schemas' $refs use.
    static const JsonSchemaSet set = [] {
        JsonSchemaSet s;
        const std::pair<const char*, const char*> all[] = {
            {"bom-1.2.SNAPSHOT.schema.json", k_schema_bom_1_2},
            {"bom-1.3.SNAPSHOT.schema.json", k_schema_bom_1_3},
            {"bom-1.4.SNAPSHOT.schema.json", k_schema_bom_1_4},
            {"bom-1.5.SNAPSHOT.schema.json", k_schema_bom_1_5},
            {"bom-1.6.SNAPSHOT.schema.json", k_schema_bom_1_6},
            {"bom-1.7.SNAPSHOT.schema.json", k_schema_bom_1_7},
            {"spdx.SNAPSHOT.schema.json", k_schema_spdx},
            {"jsf-0.82.SNAPSHOT.schema.json", k_schema_jsf_0_82},
            {"cryptography-defs.SNAPSHOT.schema.json", k_schema_cryptography_defs},
        };
        for (const auto& [name, text] : all)
            (void)s.add(name, text);
        return s;
    }();
    return &set;
#else
    return nullptr;
#endif
}

std::string json_schema_name(std::string_view spec_version) {
    for (std::string_view v : {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"})
        if (v == spec_version) return "bom-" + std::string(v) + ".SNAPSHOT.schema.json";
    return {};
}

} // namespace kaiyuan::format::cyclonedx
