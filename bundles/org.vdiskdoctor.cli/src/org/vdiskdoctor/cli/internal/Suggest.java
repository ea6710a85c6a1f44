// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.cli.internal;

/** "Did you mean": whether a mistyped word is close to a known one. */
final class Suggest {

    private Suggest() {
    }

    /** An edit distance of at most 2 (at most 1 for short words), or one starts with the other's first 3 letters. */
    static boolean close(String typed, String known) {
        String t = typed.replaceFirst("^-+", "");
        String k = known.replaceFirst("^-+", "");
        if (t.isEmpty()) return false;
        if (t.length() >= 3 && (k.startsWith(t) || t.startsWith(k))) return true;
        return distance(t, k) <= (k.length() <= 4 ? 1 : 2);
    }

    /** Levenshtein distance, for words of a command line (short). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
