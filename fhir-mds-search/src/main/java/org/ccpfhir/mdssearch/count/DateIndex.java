package org.ccpfhir.mdssearch.count;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Patients by the dates of one attribute, at three levels (year, month, day), so that any range is
 * the union of at most a few dozen bitmaps: whole years in the middle, whole months and single days
 * at the edges.
 */
final class DateIndex {

  private final Map<Integer, RoaringBitmap> years = new HashMap<>();
  private final Map<Integer, RoaringBitmap> months = new HashMap<>();
  private final Map<Long, RoaringBitmap> days = new HashMap<>();
  private long minDay = Long.MAX_VALUE;
  private long maxDay = Long.MIN_VALUE;

  void add(LocalDate date, int ordinal) {
    years.computeIfAbsent(date.getYear(), k -> new RoaringBitmap()).add(ordinal);
    months.computeIfAbsent(monthKey(date), k -> new RoaringBitmap()).add(ordinal);
    days.computeIfAbsent(date.toEpochDay(), k -> new RoaringBitmap()).add(ordinal);
    minDay = Math.min(minDay, date.toEpochDay());
    maxDay = Math.max(maxDay, date.toEpochDay());
  }

  void remove(LocalDate date, int ordinal) {
    remove(years.get(date.getYear()), ordinal);
    remove(months.get(monthKey(date)), ordinal);
    remove(days.get(date.toEpochDay()), ordinal);
  }

  /** Patients with a date in [from, to], both inclusive; null means open. */
  RoaringBitmap range(LocalDate from, LocalDate to) {
    long start = Math.max(from == null ? minDay : from.toEpochDay(), minDay);
    long end = Math.min(to == null ? maxDay : to.toEpochDay(), maxDay);
    List<RoaringBitmap> parts = new ArrayList<>();
    LocalDate cursor = start <= end ? LocalDate.ofEpochDay(start) : null;
    while (cursor != null && cursor.toEpochDay() <= end) {
      LocalDate next;
      if (cursor.getDayOfYear() == 1 && cursor.plusYears(1).toEpochDay() - 1 <= end) {
        addIfPresent(parts, years.get(cursor.getYear()));
        next = cursor.plusYears(1);
      } else if (cursor.getDayOfMonth() == 1 && cursor.plusMonths(1).toEpochDay() - 1 <= end) {
        addIfPresent(parts, months.get(monthKey(cursor)));
        next = cursor.plusMonths(1);
      } else {
        addIfPresent(parts, days.get(cursor.toEpochDay()));
        next = cursor.plusDays(1);
      }
      cursor = next;
    }
    return parts.isEmpty() ? new RoaringBitmap() : FastAggregation.or(parts.iterator());
  }

  long sizeInBytes() {
    long bytes = 0;
    for (RoaringBitmap bitmap : years.values()) {
      bytes += bitmap.getLongSizeInBytes();
    }
    for (RoaringBitmap bitmap : months.values()) {
      bytes += bitmap.getLongSizeInBytes();
    }
    for (RoaringBitmap bitmap : days.values()) {
      bytes += bitmap.getLongSizeInBytes();
    }
    return bytes;
  }

  void optimize() {
    years.values().forEach(RoaringBitmap::runOptimize);
    months.values().forEach(RoaringBitmap::runOptimize);
    days.values().forEach(RoaringBitmap::runOptimize);
  }

  private static int monthKey(LocalDate date) {
    return date.getYear() * 12 + date.getMonthValue() - 1;
  }

  private static void remove(RoaringBitmap bitmap, int ordinal) {
    if (bitmap != null) {
      bitmap.remove(ordinal);
    }
  }

  private static void addIfPresent(List<RoaringBitmap> parts, RoaringBitmap bitmap) {
    if (bitmap != null && !bitmap.isEmpty()) {
      parts.add(bitmap);
    }
  }
}
