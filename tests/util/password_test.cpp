#include "kaiyuan/util/password.hpp"

#include <gtest/gtest.h>

namespace kaiyuan::util {
namespace {

TEST(Password, Argon2idHashesAreSaltedAndVerify) {
    auto a = hash_password("correct horse battery staple");
    auto b = hash_password("correct horse battery staple");
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *a;
    EXPECT_NE(*a, *b) << "each hash has its own salt";
    EXPECT_TRUE(verify_password("correct horse battery staple", *a));
    EXPECT_TRUE(verify_password("correct horse battery staple", *b));
    EXPECT_FALSE(verify_password("correct horse battery stapler", *a));
    EXPECT_FALSE(verify_password("", *a));
    // Malformed or foreign stored values never verify.
    EXPECT_FALSE(verify_password("x", ""));
    EXPECT_FALSE(verify_password("x", "$argon2id$nonsense"));
    EXPECT_FALSE(verify_password("x", std::string(500, 'a')));
}

} // namespace
} // namespace kaiyuan::util
