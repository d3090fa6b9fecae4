/**
 * What the demo conversations say. The scenario texts follow S1 step 1 (Mr and Mrs Jones) and S10
 * (Mr M and his garden); the phrase pools give the generated residents varied, strengths-based notes.
 */
export const haroldJones = {
  whatMatters:
    'Staying at home with Edna in the house they have lived in for fifty years. Looking after her himself, his way. His garden. Being seen as Edna’s husband, not as “a carer”.',
  strengths:
    'Knows Edna’s routines and what settles her when she is confused. Still drives locally. Taught French for thirty years and enjoys teaching. Close to their daughter Carol; good friends with the neighbours.',
  networkNotes:
    'Carol lives ten miles away and visits at weekends; she would come at short notice. Pat and Dave Webb next door have a key, pop in most days and help with the garden.',
  worries:
    'Harold’s breathing (COPD) is getting worse and he is tired. If he were taken into hospital, no one would be with Edna at night. Carol worries he does too much.',
  adviceNotes:
    'Talked about a carer’s assessment without using the word “carer”: Harold would rather not for now, and knows how to ask. Gave the GP practice’s social prescriber details and the benefits advice line.',
  peerGroupAgreed: 'Carol will take them both to the next meeting',
  peerGroupName: 'Peer group for couples living with dementia',
  outcomeNotes:
    'Information, advice and connections are enough for now. Agreed to talk again in two weeks; Harold is on the early-identification list in case he is admitted to hospital.',
  followUp: 'Call Mr Jones to see how the peer group went',
};

export const maurice = {
  whatMatters: 'Looking after Marion at home. His garden, which he can no longer keep up and which worries him.',
  strengths:
    'Patient and organised; keeps a diary of Marion’s good and bad days. Enjoys company at the bowls club when he can get there.',
  worries: 'The garden is overgrown and he feels he is letting things slide. Tired in the evenings.',
  adviceNotes:
    'Told him about the small payments scheme for carers (up to £500) and how a gardener two hours a week could be paid for.',
  outcomeNotes: 'Will apply for a small payment for a gardener.',
  followUp: 'Check the small payment for the gardener has been agreed',
};

export const mattersPool = [
  'Getting out to the shops and the market on a Saturday',
  'Seeing the grandchildren every week',
  'Keeping their dog and walking him each day',
  'Staying in their own home',
  'Going to church on Sundays',
  'Cooking for themselves again',
  'Being able to get to the allotment',
  'Keeping in touch with friends from work',
  'Feeling safe at night',
  'Getting back to the swimming club',
];
export const strengthsPool = [
  'Determined and good humoured',
  'Manages their own medication well',
  'Good with a phone and video calls',
  'Knows lots of people in the village',
  'Still drives short distances',
  'Enjoys crosswords and puzzles',
  'Walks with a stick most days',
  'Plans their week carefully',
  'Has a supportive neighbour',
  'A keen gardener',
];
export const worriesPool = [
  'A recent fall on the stairs',
  'Feeling lonely since their partner died',
  'Struggling with the bath',
  'Money is tight this winter',
  'Forgetting appointments',
  'Their daughter is moving away',
];
export const followUpPool = [
  'Call to see how things are going',
  'Check they got to the group',
  'Ring about the equipment delivery',
  'Visit with the occupational therapist',
];
