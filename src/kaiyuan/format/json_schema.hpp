#pragma once
/// A JSON Schema (draft-07) validator for the schemas SBOM formats publish: type, properties,
/// additionalProperties, patternProperties, required, enum, const, items (schema or tuple),
/// additionalItems, min/maxItems, uniqueItems, min/maxLength, minimum/maximum (and exclusive),
/// pattern (ECMA-262 regular expressions, as the specification says), format date-time and date
/// (RFC 3339; the other formats are annotations, as draft-07 allows), allOf/anyOf/oneOf/not,
/// if/then/else, boolean schemas, and $ref within a schema or to another schema of the set by
/// file name ("spdx.schema.json", "jsf-0.82.schema.json#/definitions/signature").
#include "kaiyuan/util/error.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::format {

class JsonSchemaSet {
public:
    JsonSchemaSet();
    ~JsonSchemaSet();
    JsonSchemaSet(JsonSchemaSet&&) noexcept;
    JsonSchemaSet& operator=(JsonSchemaSet&&) noexcept;

    /// Adds a schema under `name` (how other schemas' $refs name it); fails when it is not JSON.
    Result<void> add(const std::string& name, std::string_view schema_text);

    /// The problems of `instance_text` against the schema `name`, each "PATH: what" with a
    /// JSONPath-like path ("$.components[3].purl"); at most `max_problems` (then a count of the
    /// rest). Empty when the instance is valid. Fails when `name` is unknown or the instance is
    /// not JSON.
    Result<std::vector<std::string>> validate(std::string_view instance_text,
                                              const std::string& name,
                                              std::size_t max_problems = 50) const;

    struct State; ///< the parsed schemas (json_schema.cpp)

private:
    std::unique_ptr<State> m_state;
};

} // namespace kaiyuan::format
