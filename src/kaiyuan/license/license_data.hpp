#pragma once
/// The SPDX License List as SPDX publishes it for machines, read at run time: the `json/` folder
/// of spdx/license-list-data (licenses.json with details/<id>.json, exceptions.json with
/// exceptions/<id>.json). It brings a newer list than the compiled-in one, and the texts of the
/// license exceptions, which no registry package carries (docs/architecture.md).
#include "kaiyuan/model/diagnostic.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::license {

struct LicenseListData {
    struct Entry {
        std::string id, name, text;
        /// From the details' standardLicenseTemplate (templates.hpp); "" when it has none.
        std::string match_text;
        /// The standard header (standardLicenseHeaderTemplate, else standardLicenseHeader) as a
        /// match text: the notice a file carries instead of the text; "" when it has none.
        std::string header;
        bool osi_approved = false;
        bool deprecated = false;
    };
    std::string version; ///< licenseListVersion
    std::vector<Entry> licenses, exceptions;
    /// Entries left out (a details file missing, unreadable or without its text), one each.
    std::vector<model::Diagnostic> diagnostics;
};

enum class ListKind { licenses, exceptions };

/// Parses licenses.json or exceptions.json (`path` names it in messages): the entries, without
/// their texts, and the list's version; entries without a valid id become diagnostics.
Result<LicenseListData> parse_license_list_index(std::string_view json, ListKind kind,
                                                 const std::string& path);
/// The text of one entry's details file (details/<id>.json, exceptions/<id>.json).
Result<std::string> parse_license_details(std::string_view json, ListKind kind);

struct LicenseDetails {
    std::string text;
    std::string match_text; ///< from standardLicenseTemplate; "" when there is none
    std::string header;     ///< from standardLicenseHeader(Template); "" when there is none
};
/// The text and the template's match text of one entry's details file.
Result<LicenseDetails> parse_license_details_with_template(std::string_view json, ListKind kind);

/// Reads the list from `dir`: the `json/` folder itself or a checkout that holds it. Fails, naming
/// the file, when licenses.json or exceptions.json is missing or is not the list; a bad details
/// file only leaves its entry out, with a diagnostic.
Result<LicenseListData> read_license_list_data(const std::string& dir);

/// Makes `data` the license list of this process: its licenses replace the compiled-in ones of
/// the same id and add the others, its exceptions are matched as exception texts, and the index
/// is rebuilt over them. Call once, before any detection starts (it is not thread-safe).
void use_license_list_data(LicenseListData data);

} // namespace kaiyuan::license
