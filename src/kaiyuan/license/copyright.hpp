#pragma once
/// Copyright statements ("Copyright (c) 2019-2023 Jane Doe <jane@example.org>") and their holders
/// ("Jane Doe"): the years, "(c)", "©", e-mail addresses and "All rights reserved" are not part
/// of the holder.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::license {

struct Copyright {
    std::string statement; ///< as written, comment markers removed
    std::string holder;    ///< "" when the statement names none ("Copyright (c) 2020")
    std::uint32_t line = 0;
};

std::vector<Copyright> find_copyrights(std::string_view text);

/// The holder of one statement, as find_copyrights() gives it.
std::string copyright_holder(std::string_view statement);

} // namespace kaiyuan::license
