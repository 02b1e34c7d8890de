//===- SizeTest.cpp - Tests of budget parsing and byte formatting ---------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Size.h"

#include "gtest/gtest.h"

using namespace recompute;

namespace {

uint64_t bytesOf(const std::string &text) {
  std::string err;
  std::optional<BudgetSpec> b = parseBudget(text, err);
  EXPECT_TRUE(b.has_value()) << "'" << text << "': " << err;
  EXPECT_TRUE(err.empty());
  if (!b)
    return ~uint64_t(0);
  EXPECT_FALSE(b->isPercent) << text;
  return b->bytes;
}

/// Returns the error for `text`, which must be rejected.
std::string rejectReason(const std::string &text) {
  std::string err;
  std::optional<BudgetSpec> b = parseBudget(text, err);
  EXPECT_FALSE(b.has_value()) << "'" << text << "' was accepted";
  EXPECT_FALSE(err.empty()) << text;
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
  return err;
}

TEST(SizeTest, PlainBytes) {
  EXPECT_EQ(bytesOf("0"), 0u);
  EXPECT_EQ(bytesOf("123"), 123u);
  EXPECT_EQ(bytesOf("  4096\t"), 4096u);
  EXPECT_EQ(bytesOf("17B"), 17u);
  EXPECT_EQ(bytesOf("17 b"), 17u);
  EXPECT_EQ(bytesOf("1.0"), 1u);
}

TEST(SizeTest, DecimalUnits) {
  EXPECT_EQ(bytesOf("1KB"), 1000u);
  EXPECT_EQ(bytesOf("64 KB"), 64000u);
  EXPECT_EQ(bytesOf("2GB"), 2000000000u);
  EXPECT_EQ(bytesOf("3 mb"), 3000000u);
  EXPECT_EQ(bytesOf("1TB"), 1000000000000u);
  EXPECT_EQ(bytesOf("1.5KB"), 1500u);
  EXPECT_EQ(bytesOf("2.665GB"), 2665000000u);
}

TEST(SizeTest, BinaryUnits) {
  EXPECT_EQ(bytesOf("1KiB"), 1024u);
  EXPECT_EQ(bytesOf("512MiB"), 512u << 20);
  EXPECT_EQ(bytesOf("1.5GiB"), 1610612736u);
  EXPECT_EQ(bytesOf("1.5 gib"), 1610612736u);
  EXPECT_EQ(bytesOf("1.5GIB"), 1610612736u);
  EXPECT_EQ(bytesOf("2TiB"), uint64_t(2) << 40);
  EXPECT_EQ(bytesOf(".5KiB"), 512u);
}

TEST(SizeTest, FractionsRoundDown) {
  EXPECT_EQ(bytesOf("1.0001KB"), 1000u);
  EXPECT_EQ(bytesOf("1.9999KiB"), 2047u);
  // More fractional digits than are kept exactly still parse.
  EXPECT_EQ(bytesOf("0.333333333333333333333333333333GB"), 333333333u);
}

TEST(SizeTest, Limits) {
  EXPECT_EQ(bytesOf("9223372036854775808"), uint64_t(1) << 63);
  EXPECT_EQ(bytesOf("8388608TiB"), uint64_t(1) << 63);
  EXPECT_NE(rejectReason("9223372036854775809").find("2^63"),
            std::string::npos);
  EXPECT_NE(rejectReason("8388608.5TiB").find("2^63"), std::string::npos);
  EXPECT_NE(rejectReason("18446744073709551616").find("2^63"),
            std::string::npos);
  EXPECT_NE(
      rejectReason("99999999999999999999999999999999999999999GB").find("2^63"),
      std::string::npos);
  EXPECT_NE(rejectReason("9223373TB").find("2^63"), std::string::npos);
}

TEST(SizeTest, Percent) {
  std::string err;
  std::optional<BudgetSpec> b = parseBudget("60%", err);
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->isPercent);
  EXPECT_DOUBLE_EQ(b->percent, 60);
  EXPECT_EQ(b->resolve(1000), 600u);
  EXPECT_EQ(b->resolve(0), 0u);

  b = parseBudget(" 33.3 % ", err);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->resolve(1000), 333u); // rounds down
  EXPECT_EQ(b->resolve(2665000000u), 887445000u);

  // More than 100% is accepted: a budget above the vanilla peak.
  b = parseBudget("150%", err);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->resolve(1000), 1500u);

  b = parseBudget("0.5%", err);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->resolve(1000), 5u);

  // Resolution saturates at 2^63 instead of wrapping.
  b = parseBudget("1000%", err);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->resolve(uint64_t(1) << 62), uint64_t(1) << 63);
}

TEST(SizeTest, Rejects) {
  EXPECT_NE(rejectReason("").find("empty"), std::string::npos);
  EXPECT_NE(rejectReason("   ").find("empty"), std::string::npos);
  EXPECT_NE(rejectReason("-1").find("negative"), std::string::npos);
  EXPECT_NE(rejectReason("-2GB").find("negative"), std::string::npos);
  EXPECT_NE(rejectReason("%").find("number"), std::string::npos);
  EXPECT_NE(rejectReason("0%").find("greater than 0"), std::string::npos);
  EXPECT_NE(rejectReason("0.0%").find("greater than 0"), std::string::npos);
  EXPECT_NE(rejectReason("12XB").find("unknown unit 'XB'"), std::string::npos);
  EXPECT_NE(rejectReason("12 K").find("unknown unit"), std::string::npos);
  EXPECT_NE(rejectReason("1e400").find("exponent"), std::string::npos);
  EXPECT_NE(rejectReason("1E3").find("exponent"), std::string::npos);
  rejectReason("inf");
  rejectReason("nan");
  rejectReason("NaN%");
  rejectReason("infinity");
  rejectReason("GB");
  rejectReason("1.GB");
  rejectReason("1..5GB");
  rejectReason("1.5");     // fractional byte count
  rejectReason("1.5B");    // fractional byte count
  rejectReason("12 MB x"); // trailing junk
  rejectReason("12MB7");
  rejectReason("60%x");
  rejectReason("60%%");
  rejectReason("0x100");
  rejectReason("1,000");
  rejectReason(std::string("12\0MB", 5));
}

TEST(SizeTest, ErrorsQuoteUnprintableBytes) {
  std::string err = rejectReason("12\x01\xff");
  EXPECT_NE(err.find("\\x01"), std::string::npos) << err;
  EXPECT_NE(err.find("\\xff"), std::string::npos) << err;
  // Very long input is shortened in the message.
  err = rejectReason(std::string(10000, 'z'));
  EXPECT_LT(err.size(), 200u);
}

TEST(SizeTest, FormatBytes) {
  EXPECT_EQ(formatBytes(0), "0 B");
  EXPECT_EQ(formatBytes(1023), "1023 B");
  EXPECT_EQ(formatBytes(1024), "1.0 KiB");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(formatBytes(222822400), "212.5 MiB");
  // 1023.99 KiB would print as "1024.0 KiB": move to the next unit.
  EXPECT_EQ(formatBytes((uint64_t(1) << 20) - 1), "1.0 MiB");
  EXPECT_EQ(formatBytes(uint64_t(3) << 30), "3.0 GiB");
  EXPECT_EQ(formatBytes(uint64_t(1) << 63), "8.0 EiB");
  EXPECT_EQ(formatBytes(~uint64_t(0)), "16.0 EiB");
}

TEST(SizeTest, FormatBytesLong) {
  EXPECT_EQ(formatBytesLong(222822400), "212.5 MiB (222822400 bytes)");
  EXPECT_EQ(formatBytesLong(100), "100 B");
}

TEST(SizeTest, ParseFormatRoundTrip) {
  // formatBytes output is accepted by parseBudget (binary units, one decimal).
  for (uint64_t v : {uint64_t(1024), uint64_t(3) << 20, uint64_t(5) << 30}) {
    EXPECT_EQ(bytesOf(formatBytes(v)), v);
  }
}

} // namespace
