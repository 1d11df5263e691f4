/*
 * stopwords.c — English function words, which carry no topic: articles,
 * pronouns, auxiliaries, prepositions, conjunctions, and the reporting
 * words of news ("said") that every article repeats. Looked up by binary
 * search over a sorted table.
 */
#include <string.h>

#include "segment.h"
#include "table.h"

/* clang-format off */
static const char *const stopwords[] = {
    "a",         "about",      "above",    "after",   "again",   "against", "ago",    "all",
    "also",      "am",         "among",    "an",      "and",     "another", "any",    "are",
    "around",    "as",         "at",       "be",      "became",  "because", "become", "been",
    "before",    "being",      "below",    "between", "both",    "but",     "by",     "can",
    "could",     "did",        "do",       "does",    "doing",   "down",    "during", "each",
    "either",    "even",       "ever",     "every",   "few",     "for",     "from",   "further",
    "had",       "has",        "have",     "having",  "he",      "her",     "here",   "hers",
    "herself",   "him",        "himself",  "his",     "how",     "however", "i",      "if",
    "in",        "into",       "is",       "it",      "its",     "itself",  "just",   "least",
    "less",      "many",       "may",      "me",      "might",   "mine",    "more",   "most",
    "mr",        "mrs",        "ms",       "much",    "must",    "my",      "myself", "neither",
    "no",        "nor",        "not",      "now",     "of",      "off",     "often",  "on",
    "once",      "one",        "only",     "or",      "other",   "others",  "our",    "ours",
    "ourselves", "out",        "over",     "own",     "per",     "rather",  "s",      "said",
    "same",      "say",        "says",     "shall",   "she",     "should",  "since",  "so",
    "some",      "still",      "such",     "than",    "that",    "the",     "their",  "theirs",
    "them",      "themselves", "then",     "there",   "these",   "they",    "this",   "those",
    "though",    "through",    "thus",     "to",      "too",     "toward",  "under",  "until",
    "up",        "upon",       "us",       "very",    "was",     "we",      "were",   "what",
    "when",      "where",      "whether",  "which",   "while",   "who",     "whom",   "whose",
    "why",       "will",       "with",     "within",  "without", "would",   "yet",    "you",
    "your",      "yours",      "yourself",
};
/* clang-format on */

int is_stopword(const char *word, size_t n)
{
    if (n == 0 || n >= 16) return 0;
    return table_find(stopwords, TABLE_COUNT(stopwords), sizeof *stopwords, word, n) >= 0;
}
