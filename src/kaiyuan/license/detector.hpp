#pragma once
/// License detection in one file's text: SPDX-License-Identifier tags, full license texts and
/// standard notices (matched word by word against the index, tolerant of small edits), and
/// weaker clues ("licensed under the MIT license", "see LICENSE").
#include "kaiyuan/license/index.hpp"

#include <string>
#include <vector>

namespace kaiyuan::license {

struct LicenseMatch {
    enum class Kind {
        tag,       ///< SPDX-License-Identifier: expression
        text,      ///< a full license text
        notice,    ///< a standard notice that grants the license
        exception, ///< a license exception's text found with no license next to it
        clue,      ///< a mention that names a license or points to a license file
    };
    Kind kind = Kind::text;
    std::string expression;               ///< SPDX id or expression; "" for an unnamed clue
    std::vector<std::string> equivalents; ///< ids whose text is the same words
    std::uint32_t start_line = 0, end_line = 0;
    /// For text and notice: the share of the rule's words found in order, 0-100. Tags score
    /// 100, clues 50.
    double score = 0;
    std::string detail; ///< clues: the words that gave it; bad tags: what is wrong

    /// A license stated by the file (a tag that parses, a text, a notice, an exception), as
    /// opposed to a clue or a malformed tag: what reports, policies and packages count.
    bool is_statement() const {
        return kind != Kind::clue && detail.empty() && !expression.empty();
    }
};

const char* to_string(LicenseMatch::Kind k);

/// Every license found in `text`, by first line. An exception's text next to a license text or
/// notice joins it: "GPL-2.0-or-later WITH Classpath-exception-2.0". Overlapping text matches are
/// resolved in favour of the one that explains more words (BSD-3-Clause over BSD-2-Clause when the
/// third clause is there; BSD-2-Clause when it is not).
std::vector<LicenseMatch> detect_licenses(std::string_view text,
                                          const LicenseIndex& index = LicenseIndex::get());

} // namespace kaiyuan::license
