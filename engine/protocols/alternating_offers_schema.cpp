// alternating_offers' parameters and causes of no deal (protocols/schemas.h).
#include "protocols/schemas.h"

namespace parley {

const ProtocolSchema& AlternatingOffersSchema() {
  static const ProtocolSchema schema{
      "alternating_offers",
      "Rubinstein-Stahl alternating offers for N actors with veto players, mediator and breakdown risk",
      {
          {"proposers", ParamType::ActorList, {}, {}, "the veto actors", "actors who may propose, in rotation order"},
          {"order", ParamType::Choice, {}, {"rotate", "random"}, "rotate",
           "rotate: proposers take turns; random: each round's proposer is drawn"},
          {"recognition", ParamType::ActorWeights, Domain::AtLeast(0), {}, "equal",
           "random order: probability weight of each proposer (every proposer listed)"},
          {"breakdown", ParamType::Uncertain, Domain::Closed(0, 1), {}, "0",
           "probability that a round without a deal ends the talks for good"},
          {"information", ParamType::Choice, {}, {"complete", "private"}, "complete",
           "complete: everyone knows the drawn world; private: responders' war costs are their own (perfect "
           "Bayesian equilibrium with one screened responder; docs/private_information.md)"},
      },
      {},
      {
          {"breakdown", "a round was rejected and the talks then broke down (the breakdown risk)"},
          {"horizon", "the last round passed without an accepted offer"},
          {"no_zone", "no terms beat every veto actor's value of no deal, so no offer was made"},
      },
      "",
      "the headline rests on who proposes (protocol.proposers, order), what each side knows (protocol.information) "
      "and the horizon (rounds.horizon); vary them before reading much into it"};
  return schema;
}

}  // namespace parley
