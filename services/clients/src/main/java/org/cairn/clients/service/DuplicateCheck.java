package org.cairn.clients.service;

import java.util.List;

/**
 * The outcome of looking for a new client among those already registered.
 *
 * @param candidates possible matches among the clients the caller's agency may see, best first
 * @param elsewhereInNetwork whether a possible match exists that the caller's agency may not see;
 *     deliberately nothing more (not which agency, not the data), since the name of a program alone
 *     can disclose a condition
 */
public record DuplicateCheck(List<DuplicateCandidate> candidates, boolean elsewhereInNetwork) {

    public boolean any() {
        return !candidates.isEmpty() || elsewhereInNetwork;
    }
}
