#include "rollup/snapshot.hpp"

#include <algorithm>
#include <limits>

#include "taizhang/error.hpp"

namespace taizhang::rollup {

namespace {

[[noreturn]] void damaged(const std::string& what) {
  throw StorageError(StorageFault::corrupt, "the ledger's records do not fit together: " + what);
}

std::uint32_t column_size(std::size_t n) {
  if (n >= std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorCode::internal, "the roll-up snapshot holds more than 4 billion entries");
  }
  return static_cast<std::uint32_t>(n);
}

}  // namespace

std::int64_t Snapshot::sync(store::Store& store) {
  loaded_in_sync_ = 0;
  value_cursor_ = contents.size();
  progress_cursor_ = contents.size();
  value_started_ = false;
  progress_started_ = false;
  store.scan_since(last_report_id_, last_revision_id_, *this);
  // Contents of this sync that had no value or progress rows still need their (empty) ranges.
  const std::uint32_t values_end = column_size(value_target_.size());
  const std::uint32_t progress_end = column_size(progress_initiative_.size());
  for (std::size_t c = value_cursor_; c < contents.size(); ++c) {
    if (c > value_cursor_ || !value_started_) {
      contents[c].values_begin = contents[c].values_end = values_end;
    }
  }
  for (std::size_t c = progress_cursor_; c < contents.size(); ++c) {
    if (c > progress_cursor_ || !progress_started_) {
      contents[c].progress_begin = contents[c].progress_end = progress_end;
    }
  }
  value_started_ = false;
  progress_started_ = false;
  return loaded_in_sync_;
}

void Snapshot::report(const store::ReportRow& row) {
  auto [plan_it, fresh] = plan_ids_.try_emplace(row.plan, static_cast<std::int32_t>(plans.size()));
  if (fresh) {
    SnapPlan plan;
    plan.code = row.plan;
    plans.push_back(std::move(plan));
  }
  SnapReport r;
  r.plan = plan_it->second;
  r.unit = intern_unit(row.unit);
  r.period = row.period;
  const auto index = static_cast<std::int32_t>(reports.size());
  report_store_ids_.push_back(row.id);
  plans[static_cast<std::size_t>(r.plan)].reports.push_back(index);
  reports.push_back(std::move(r));
  last_report_id_ = row.id;
}

void Snapshot::revision(const store::RevisionRow& row) {
  const auto found =
      std::lower_bound(report_store_ids_.begin(), report_store_ids_.end(), row.report_id);
  if (found == report_store_ids_.end() || *found != row.report_id) {
    damaged("revision " + std::to_string(row.id) + " has no report");
  }
  const auto report_index = static_cast<std::int32_t>(found - report_store_ids_.begin());
  SnapReport& r = reports[static_cast<std::size_t>(report_index)];
  if (row.id > std::numeric_limits<std::int32_t>::max() || row.number < 0 ||
      row.number > std::numeric_limits<std::uint16_t>::max()) {
    throw Error(ErrorCode::internal,
                "the roll-up snapshot holds revision ids up to 2^31 and up to 65,535 revisions of "
                "one report; revision " +
                    std::to_string(row.id) + " is number " + std::to_string(row.number) +
                    " of its report");
  }
  Event e;
  e.recorded_ms = row.recorded_at.time_since_epoch().count();
  e.revision_id = static_cast<std::int32_t>(row.id);
  e.action = row.action;
  e.number = static_cast<std::uint16_t>(row.number);
  if (row.content_number == row.number) {
    Content c;
    c.revision_id = row.id;
    e.content = static_cast<std::int32_t>(contents.size());
    contents.push_back(c);
    report_of_content_.push_back(report_index);
  } else {
    for (std::int32_t i = r.first_event; i != kNone; i = events[static_cast<std::size_t>(i)].next) {
      if (events[static_cast<std::size_t>(i)].number == row.content_number) {
        e.content = events[static_cast<std::size_t>(i)].content;
      }
    }
    if (e.content == kNone) {
      damaged("revision " + std::to_string(row.id) + " points to content that is not there");
    }
  }
  const auto index = static_cast<std::int32_t>(events.size());
  events.push_back(e);
  if (r.last_event == kNone) {
    r.first_event = index;
  } else {
    events[static_cast<std::size_t>(r.last_event)].next = index;
  }
  r.last_event = index;
  last_revision_id_ = row.id;
  ++loaded_in_sync_;
}

void Snapshot::value(std::int64_t revision_id, std::string_view target,
                     const std::optional<Decimal>& value, std::string_view stage) {
  const std::uint32_t here = column_size(value_target_.size());
  while (value_cursor_ < contents.size() && contents[value_cursor_].revision_id < revision_id) {
    if (!value_started_)
      contents[value_cursor_].values_begin = contents[value_cursor_].values_end = here;
    ++value_cursor_;
    value_started_ = false;
  }
  if (value_cursor_ >= contents.size() || contents[value_cursor_].revision_id != revision_id) {
    damaged("values of revision " + std::to_string(revision_id) + " that carries no content");
  }
  Content& c = contents[value_cursor_];
  if (!value_started_) {
    c.values_begin = here;
    value_started_ = true;
    const SnapReport& owner = reports[static_cast<std::size_t>(report_of_content_[value_cursor_])];
    value_plan_ = &plans[static_cast<std::size_t>(owner.plan)];
  }
  auto it = value_plan_->target_ids.find(target);
  if (it == value_plan_->target_ids.end()) {
    it = value_plan_->target_ids
             .emplace(std::string(target),
                      static_cast<std::int32_t>(value_plan_->target_codes.size()))
             .first;
    value_plan_->target_codes.emplace_back(target);
  }
  value_target_.push_back(it->second);
  if (value) {
    const std::int64_t coefficient = value->coefficient();
    const int scale = value->scale();
    if (coefficient > std::numeric_limits<std::int32_t>::max() || coefficient <= kBigCoefficient) {
      big_coefficients_.emplace(column_size(value_coefficient_.size()), coefficient);
      value_coefficient_.push_back(kBigCoefficient);
    } else {
      value_coefficient_.push_back(static_cast<std::int32_t>(coefficient));
    }
    value_scale_.push_back(static_cast<std::int8_t>(scale));
  } else {
    value_coefficient_.push_back(0);
    value_scale_.push_back(-1);
  }
  std::int16_t stage_id = 0;
  if (!stage.empty()) {
    auto s = stage_ids_.find(stage);
    if (s == stage_ids_.end()) {
      if (stage_names.size() >=
          static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max())) {
        throw Error(ErrorCode::internal, "the roll-up snapshot holds more than 32767 stage names");
      }
      s = stage_ids_.emplace(std::string(stage), static_cast<std::int16_t>(stage_names.size()))
              .first;
      stage_names.emplace_back(stage);
    }
    stage_id = s->second;
  }
  value_stage_.push_back(stage_id);
  c.values_end = column_size(value_target_.size());
}

void Snapshot::progress(std::int64_t revision_id, int initiative) {
  const std::uint32_t here = column_size(progress_initiative_.size());
  while (progress_cursor_ < contents.size() &&
         contents[progress_cursor_].revision_id < revision_id) {
    if (!progress_started_) {
      contents[progress_cursor_].progress_begin = contents[progress_cursor_].progress_end = here;
    }
    ++progress_cursor_;
    progress_started_ = false;
  }
  if (progress_cursor_ >= contents.size() ||
      contents[progress_cursor_].revision_id != revision_id) {
    damaged("progress of revision " + std::to_string(revision_id) + " that carries no content");
  }
  Content& c = contents[progress_cursor_];
  if (!progress_started_) {
    c.progress_begin = here;
    progress_started_ = true;
  }
  progress_initiative_.push_back(initiative);
  c.progress_end = column_size(progress_initiative_.size());
}

ReportState Snapshot::state(std::int32_t r, std::optional<std::int64_t> until_ms) const {
  ReportState s(kNone);
  for (std::int32_t i = reports[static_cast<std::size_t>(r)].first_event; i != kNone;) {
    const Event& e = events[static_cast<std::size_t>(i)];
    if (until_ms && e.recorded_ms > *until_ms) break;
    s.apply(e.action, e.recorded_ms, e.content);
    i = e.next;
  }
  return s;
}

const SnapPlan* Snapshot::plan(std::string_view code) const {
  const auto it = plan_ids_.find(code);
  return it == plan_ids_.end() ? nullptr : &plans[static_cast<std::size_t>(it->second)];
}

std::int32_t Snapshot::unit_id(std::string_view code) const {
  const auto it = unit_ids_.find(code);
  return it == unit_ids_.end() ? kNone : it->second;
}

std::int32_t Snapshot::intern_unit(std::string_view code) {
  auto it = unit_ids_.find(code);
  if (it == unit_ids_.end()) {
    it = unit_ids_.emplace(std::string(code), static_cast<std::int32_t>(unit_codes.size())).first;
    unit_codes.emplace_back(code);
  }
  return it->second;
}

std::size_t Snapshot::memory_bytes() const {
  return value_target_.bytes() + value_coefficient_.bytes() +
         big_coefficients_.size() * (sizeof(std::uint32_t) + sizeof(std::int64_t) + 16) +
         big_coefficients_.bucket_count() * sizeof(void*) + value_scale_.bytes() +
         value_stage_.bytes() + progress_initiative_.bytes() +
         contents.capacity() * sizeof(Content) + events.capacity() * sizeof(Event) +
         reports.capacity() * sizeof(SnapReport) +
         report_of_content_.capacity() * sizeof(std::int32_t) +
         report_store_ids_.capacity() * sizeof(std::int64_t);
}

}  // namespace taizhang::rollup
