/**
 * Short forms of given names that the diminutive endings do not produce: "Wim" for Willem,
 * "Liz" for Elizabeth, "Kees" for Cornelis. Written for this app (Dutch first, English second);
 * a group lists a formal name first and the forms people call its bearer after it. A dossier
 * name anywhere in a group brings in the formal name and, if it is the formal name, all forms.
 */
const GROUPS: readonly (readonly string[])[] = [
  // Dutch
  ['Willem', 'Wim', 'Pim', 'Wil', 'Willy', 'Wiem'],
  ['Wilhelmus', 'Wim', 'Willem', 'Wil'],
  ['Wilhelmina', 'Mien', 'Wilma', 'Willy', 'Mina', 'Ineke'],
  ['Johannes', 'Hans', 'Jan', 'Johan', 'Joop', 'Hannes', 'Jo'],
  ['Johanna', 'Anneke', 'Hanneke', 'Jo', 'Joke', 'Hanna', 'Annie'],
  ['Cornelis', 'Kees', 'Cor', 'Niels', 'Cees'],
  ['Cornelia', 'Corrie', 'Nel', 'Nelleke', 'Cor'],
  ['Hendrik', 'Henk', 'Rik', 'Hein', 'Henny'],
  ['Hendrika', 'Riek', 'Rika', 'Henny', 'Riky'],
  ['Gerardus', 'Gerard', 'Gert', 'Geert', 'Sjaak', 'Ger'],
  ['Jacobus', 'Jaap', 'Koos', 'Sjaak', 'Jacco', 'Co'],
  ['Petrus', 'Piet', 'Peter', 'Peer'],
  ['Pieter', 'Piet', 'Pier'],
  ['Maria', 'Mies', 'Marie', 'Mia', 'Ria', 'Marja', 'Mieke', 'Maaike'],
  ['Catharina', 'Karin', 'Tineke', 'Rina', 'Ina', 'Toos', 'Trijntje'],
  ['Theodorus', 'Theo', 'Dorus', 'Door'],
  ['Rudolf', 'Ruud', 'Dolf', 'Ruudje'],
  ['Nicolaas', 'Klaas', 'Nico', 'Niek', 'Kla'],
  ['Adrianus', 'Arie', 'Aad', 'Ad', 'Janus'],
  ['Abraham', 'Bram', 'Braam'],
  ['Sebastiaan', 'Bas', 'Sebas'],
  ['Bartholomeus', 'Bart', 'Mees'],
  ['Maximiliaan', 'Max'],
  ['Matthijs', 'Thijs', 'Mats'],
  ['Jozef', 'Sjef', 'Jos', 'Joep'],
  ['Antonius', 'Toon', 'Ton', 'Teun', 'Twan', 'Anton'],
  ['Franciscus', 'Frans', 'Frank', 'Sjors'],
  ['Frederik', 'Frits', 'Freek', 'Fred'],
  ['Diederik', 'Dirk', 'Dick', 'Dik'],
  ['Hubertus', 'Huub', 'Bert'],
  ['Albertus', 'Bert', 'Ab', 'Albert'],
  ['Lambertus', 'Bert', 'Bertus'],
  ['Hermanus', 'Herman', 'Manus'],
  ['Gerrit', 'Gert', 'Gerrie'],
  ['Geertruida', 'Truus', 'Geertje', 'Trudy'],
  ['Helena', 'Lenie', 'Leny', 'Lena', 'Heleen'],
  ['Elisabeth', 'Els', 'Lies', 'Liesbeth', 'Bep', 'Betty', 'Elise', 'Lisa'],
  ['Alexander', 'Sander', 'Alex', 'Lex', 'Xander'],
  ['Alexandra', 'Sandra', 'Alex', 'Lexie'],
  ['Christiaan', 'Chris', 'Stijn', 'Christ'],
  ['Michiel', 'Michel', 'Chiel'],
  ['Marinus', 'Rinus', 'Mario'],
  ['Aldegonda', 'Gonnie'],
  ['Susanne', 'Suus', 'Sanne', 'Suzie'],
  ['Marieke', 'Mies', 'Mariek'],
  // English
  ['Elizabeth', 'Liz', 'Lizzie', 'Lizzy', 'Beth', 'Betty', 'Eliza', 'Libby', 'Bess', 'Lisa'],
  ['William', 'Will', 'Bill', 'Billy', 'Liam', 'Willie'],
  ['Michael', 'Mike', 'Mick', 'Mikey', 'Micky'],
  ['Christopher', 'Chris', 'Topher', 'Kit', 'Chrissy'],
  ['Christine', 'Chris', 'Tina', 'Chrissie'],
  ['Robert', 'Rob', 'Bob', 'Bobby', 'Robbie', 'Bert'],
  ['Richard', 'Rick', 'Rich', 'Dick', 'Richie'],
  ['James', 'Jim', 'Jimmy', 'Jamie'],
  ['Margaret', 'Maggie', 'Meg', 'Peggy', 'Greta', 'Madge'],
  ['Catherine', 'Kate', 'Cathy', 'Katie', 'Kat', 'Cat'],
  ['Katherine', 'Kate', 'Kathy', 'Katie', 'Kat', 'Kay'],
  ['Nicholas', 'Nick', 'Nicky', 'Nico'],
  ['Benjamin', 'Ben', 'Benji', 'Benny'],
  ['Daniel', 'Dan', 'Danny'],
  ['Edward', 'Ed', 'Eddie', 'Ted', 'Ned'],
  ['Thomas', 'Tom', 'Tommy'],
  ['Jennifer', 'Jen', 'Jenny'],
  ['Rebecca', 'Becky', 'Becca'],
  ['Susan', 'Sue', 'Susie', 'Suzy'],
  ['Joseph', 'Joe', 'Joey'],
  ['Anthony', 'Tony', 'Ant'],
  ['Francis', 'Frank', 'Fran'],
  ['Samuel', 'Sam', 'Sammy'],
  ['Samantha', 'Sam', 'Sammy', 'Sammie'],
  ['Jonathan', 'Jon', 'Jonny', 'Johnny'],
  ['Patrick', 'Pat', 'Paddy'],
  ['Patricia', 'Pat', 'Tricia', 'Trish', 'Patty'],
  ['Deborah', 'Debbie', 'Deb'],
  ['Victoria', 'Vicky', 'Tori'],
  ['Abigail', 'Abby', 'Abbie'],
  ['Stephen', 'Steve', 'Stevie'],
  ['Steven', 'Steve', 'Stevie'],
  ['Timothy', 'Tim', 'Timmy'],
  ['Matthew', 'Matt', 'Matty'],
  ['Andrew', 'Andy', 'Drew'],
  ['Gregory', 'Greg'],
  ['Jacob', 'Jake', 'Jaap'],
  ['Joshua', 'Josh'],
  ['Nathaniel', 'Nate', 'Nat'],
  ['Jessica', 'Jess', 'Jessie'],
  ['Dorothy', 'Dot', 'Dottie', 'Dolly'],
  ['Alexander', 'Alex', 'Sandy', 'Xander'],
  ['Henry', 'Harry', 'Hal', 'Hank'],
  ['John', 'Johnny', 'Jack', 'Jock'],
  ['Charles', 'Charlie', 'Chuck', 'Chaz'],
  ['Charlotte', 'Charlie', 'Lottie', 'Lotte'],
  ['Frederick', 'Fred', 'Freddie', 'Freddy'],
  ['Penelope', 'Penny', 'Pen'],
  ['Theodore', 'Theo', 'Ted', 'Teddy'],
];

/** Other forms of a given name from the table, without the name itself. */
export function nicknamesOf(given: string): string[] {
  const key = given.toLowerCase();
  const out = new Set<string>();
  for (const group of GROUPS) {
    const [formal, ...forms] = group;
    if (formal === undefined) continue;
    if (formal.toLowerCase() === key) for (const form of forms) out.add(form);
    else if (forms.some((f) => f.toLowerCase() === key)) out.add(formal);
  }
  out.delete(given);
  return [...out];
}
