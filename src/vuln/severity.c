/* SPDX-License-Identifier: MIT */
/* Feed severity words and CVSS v3 vectors to baseimg's scale. */
#include <math.h>

#include "util/common.h"
#include "vuln/vulndb.h"

enum bi_severity bi_severity_from_word(const char *word)
{
	static const struct {
		const char *word;
		enum bi_severity sev;
	} words[] = {
		/* Debian tracker urgency */
		{ "unimportant", BI_SEV_NEGLIGIBLE },
		{ "not yet assigned", BI_SEV_UNKNOWN },
		{ "end-of-life", BI_SEV_UNKNOWN },
		/* Ubuntu priority */
		{ "negligible", BI_SEV_NEGLIGIBLE },
		{ "untriaged", BI_SEV_UNKNOWN },
		/* Red Hat family */
		{ "moderate", BI_SEV_MEDIUM },
		{ "important", BI_SEV_HIGH },
		/* common */
		{ "none", BI_SEV_NEGLIGIBLE },
		{ "low", BI_SEV_LOW },
		{ "medium", BI_SEV_MEDIUM },
		{ "high", BI_SEV_HIGH },
		{ "critical", BI_SEV_CRITICAL },
	};
	char buf[64];
	size_t n;

	if (!word)
		return BI_SEV_UNKNOWN;
	n = strlen(word);
	/* The tracker marks guesses with trailing '*' ("low**"). */
	while (n && (word[n - 1] == '*' || word[n - 1] == ' '))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return BI_SEV_UNKNOWN;
	memcpy(buf, word, n);
	buf[n] = '\0';
	for (size_t i = 0; i < BI_ARRAY_SIZE(words); i++)
		if (strcasecmp(buf, words[i].word) == 0)
			return words[i].sev;
	return BI_SEV_UNKNOWN;
}

/* CVSS v3.1 specification, section 7.1 (base metrics) and Appendix A (roundup). */
static double roundup(double v)
{
	long i = lround(v * 100000);

	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (floor((double)i / 10000) + 1) / 10.0;
}

static bool metric(const char *vector, const char *key, char *ret)
{
	size_t kl = strlen(key);

	for (const char *p = vector; (p = strstr(p, key)); p++) {
		if ((p == vector || p[-1] == '/') && p[kl] == ':' && p[kl + 1] &&
		    (p[kl + 2] == '/' || p[kl + 2] == '\0')) {
			*ret = p[kl + 1];
			return true;
		}
	}
	return false;
}

enum bi_severity bi_severity_from_cvss3(const char *vector, double *ret_score)
{
	char av, ac, pr, ui, s, c, i, a;
	double wav, wac, wpr, wui, wc, wi, wa, iss, impact, expl, score;
	bool changed;

	if (!vector || strncmp(vector, "CVSS:3.", 7) != 0)
		return BI_SEV_UNKNOWN;
	if (!metric(vector, "AV", &av) || !metric(vector, "AC", &ac) ||
	    !metric(vector, "PR", &pr) || !metric(vector, "UI", &ui) || !metric(vector, "S", &s) ||
	    !metric(vector, "C", &c) || !metric(vector, "I", &i) || !metric(vector, "A", &a))
		return BI_SEV_UNKNOWN;
	changed = s == 'C';
	wav = av == 'N' ? 0.85 : av == 'A' ? 0.62 : av == 'L' ? 0.55 : av == 'P' ? 0.2 : -1;
	wac = ac == 'L' ? 0.77 : ac == 'H' ? 0.44 : -1;
	wpr = pr == 'N' ? 0.85 :
	      pr == 'L' ? (changed ? 0.68 : 0.62) :
	      pr == 'H' ? (changed ? 0.5 : 0.27) :
			  -1;
	wui = ui == 'N' ? 0.85 : ui == 'R' ? 0.62 : -1;
	wc = c == 'H' ? 0.56 : c == 'L' ? 0.22 : c == 'N' ? 0 : -1;
	wi = i == 'H' ? 0.56 : i == 'L' ? 0.22 : i == 'N' ? 0 : -1;
	wa = a == 'H' ? 0.56 : a == 'L' ? 0.22 : a == 'N' ? 0 : -1;
	if (wav < 0 || wac < 0 || wpr < 0 || wui < 0 || wc < 0 || wi < 0 || wa < 0 ||
	    (s != 'U' && s != 'C'))
		return BI_SEV_UNKNOWN;
	iss = 1 - (1 - wc) * (1 - wi) * (1 - wa);
	impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
	expl = 8.22 * wav * wac * wpr * wui;
	if (impact <= 0)
		score = 0;
	else if (changed)
		score = roundup(fmin(1.08 * (impact + expl), 10));
	else
		score = roundup(fmin(impact + expl, 10));
	if (ret_score)
		*ret_score = score;
	if (score == 0)
		return BI_SEV_NEGLIGIBLE;
	if (score < 4.0)
		return BI_SEV_LOW;
	if (score < 7.0)
		return BI_SEV_MEDIUM;
	if (score < 9.0)
		return BI_SEV_HIGH;
	return BI_SEV_CRITICAL;
}
