// Messages in Chinese and English from the built-in GNU gettext catalogue (po/zh_CN.po).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "taizhang/error.hpp"
#include "taizhang/message.hpp"

namespace taizhang {
namespace {

// Sets the language for one test and puts back English, which the other tests assume.
class InLanguage {
 public:
  explicit InLanguage(Language l) { set_language(l); }
  ~InLanguage() { set_language(Language::english); }
  InLanguage(const InLanguage&) = delete;
  InLanguage& operator=(const InLanguage&) = delete;
};

TEST(Message, RendersTheCatalogueTextWithItsArguments) {
  const Message m("{count} errors", {{"count", "3"}});
  EXPECT_EQ(m.text(Language::chinese), "3个错误");
  EXPECT_EQ(m.text(Language::english), "3 errors");
  EXPECT_EQ(m.id(), "{count} errors");
}

TEST(Message, AMessageTheCatalogueLacksStaysInEnglish) {
  EXPECT_EQ(Message("no such message in any catalogue").text(Language::chinese),
            "no such message in any catalogue");
}

TEST(Message, PlaceholdersBracesAndUnknownNames) {
  EXPECT_EQ(fill_placeholders("{a} {{b}} {c}", {{"a", "甲"}}), "甲 {b} {c}");
  EXPECT_EQ(fill_placeholders("{a", {{"a", "x"}}), "{a");
}

TEST(Message, ErrorsKeepTheirIdentifierAndArgumentsAndRenderInTheLanguageOfTheMoment) {
  InLanguage zh(Language::chinese);
  const Error e(ErrorCode::parse, Message("unknown language \"{language}\": use zh or en",
                                          {{"language", "fr"}}));
  EXPECT_EQ(e.message(), "不认识的语言“fr”：请用 zh（中文）或 en（英文）");
  EXPECT_EQ(e.message_id(), "unknown language \"{language}\": use zh or en");
  ASSERT_EQ(e.arguments().size(), 1U);
  EXPECT_EQ(e.arguments()[0].value, "fr");
  EXPECT_EQ(e.message_in(Language::english), "unknown language \"fr\": use zh or en");
}

TEST(Message, ValidationProblemsNameThePlaceInPeoplesWordsInChinese) {
  const Issue issue(Issue::Severity::error, "initiatives[1].targets[1].value",
                    Message("{count} errors", {{"count", "2"}}), "实事二 第2项目标（2.2）");
  EXPECT_EQ(issue.to_string(Language::chinese),
            "错误：实事二 第2项目标（2.2）：2个错误（initiatives[1].targets[1].value）");
  EXPECT_EQ(issue.to_string(Language::english),
            "error: initiatives[1].targets[1].value: 2 errors");
}

TEST(Message, LanguageFromStrings) {
  EXPECT_EQ(language_from_string("en_US.UTF-8"), Language::english);
  EXPECT_EQ(language_from_string("zh_CN"), Language::chinese);
  EXPECT_EQ(language_from_string("中文"), Language::chinese);
  EXPECT_EQ(language_from_string("fr"), std::nullopt);
}

TEST(Message, TheEnvironmentAsGettextReadsIt) {
  const char* saved = std::getenv("LANGUAGE");
  const std::string keep = saved == nullptr ? "" : saved;
  ::setenv("LANGUAGE", "en_GB:en", 1);
  EXPECT_EQ(language_from_environment(), Language::english);
  ::setenv("LANGUAGE", "zh_CN:en", 1);
  EXPECT_EQ(language_from_environment(), Language::chinese);
  ::setenv("LANGUAGE", "C", 1);
  EXPECT_EQ(language_from_environment(), Language::chinese);  // Chinese unless English is asked
  ::setenv("LANGUAGE", keep.c_str(), 1);
}

TEST(Message, TheCatalogueIsBuiltInAndComplete) {
  const CatalogueStatistics s = catalogue_statistics();
  EXPECT_GT(s.messages, 0U);
  EXPECT_EQ(s.translated, s.messages) << "po/zh_CN.po has untranslated messages";
}

}  // namespace
}  // namespace taizhang
