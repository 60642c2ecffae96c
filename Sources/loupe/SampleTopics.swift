// The latent topics of the Unsplash sample: every photo belongs to one. A topic gives the words
// its photos are described with and the search keywords that lead to their downloads, most popular
// first (conversions pick them with Zipf-like weights). Embeddings cluster around one centre per
// topic, so a photo's nearest neighbours are mostly photos of its topic.

struct SampleTopic {
    var name: String
    /// Search keywords, most searched first.
    var keywords: [String]
    /// Photo descriptions as a photographer writes them; each mentions the topic.
    var descriptions: [String]
    /// Captions in the style of a generated description ("a ... on ...").
    var captions: [String]
    /// Relative share of the photos.
    var share: Double
}

enum SampleTopics {
    static let all: [SampleTopic] = [
        SampleTopic(
            name: "bee", keywords: ["bee", "bees", "honey", "honey bee", "bumblebee", "insect", "pollination", "hive"],
            descriptions: ["Bee on a lavender flower", "Honey bee collecting pollen", "Bumblebee in the garden", "Bees at the hive entrance"],
            captions: ["a bee sitting on top of a purple flower", "a close up of a bee on a yellow flower", "a group of bees on a honeycomb"],
            share: 0.7),
        SampleTopic(
            name: "mountain", keywords: ["mountain", "mountains", "landscape", "snow", "peak", "alps", "hiking", "nature"],
            descriptions: ["Snowy mountain peak at sunrise", "Hiking trail in the mountains", "Alpine mountain lake", "Mountain range above the clouds"],
            captions: ["a mountain range covered in snow", "a view of a mountain from a valley", "a person standing on top of a mountain"],
            share: 1.3),
        SampleTopic(
            name: "coffee", keywords: ["coffee", "cafe", "latte", "coffee cup", "espresso", "coffee shop", "breakfast", "barista"],
            descriptions: ["Morning coffee on a wooden table", "Latte art in a coffee shop", "Espresso and coffee beans", "Barista pouring coffee"],
            captions: ["a cup of coffee on a saucer", "a cup of coffee next to a laptop", "a person pouring milk into a cup of coffee"],
            share: 1.0),
        SampleTopic(
            name: "ocean", keywords: ["ocean", "beach", "sea", "waves", "water", "surf", "sunset", "summer"],
            descriptions: ["Ocean waves at sunset", "Empty beach by the sea", "Surfer riding an ocean wave", "Turquoise ocean water from above"],
            captions: ["a large wave crashing on the ocean", "a sandy beach next to the ocean", "an aerial view of the ocean and a beach"],
            share: 1.4),
        SampleTopic(
            name: "city", keywords: ["city", "architecture", "building", "street", "urban", "night", "skyline", "new york"],
            descriptions: ["City skyline at night", "Busy street in the city", "Modern city architecture", "City lights from a rooftop"],
            captions: ["a city skyline with tall buildings", "a busy city street at night", "a tall building in a city"],
            share: 1.3),
        SampleTopic(
            name: "dog", keywords: ["dog", "puppy", "dogs", "pet", "animal", "cute", "golden retriever", "pets"],
            descriptions: ["Happy dog in the park", "Puppy sleeping on a blanket", "Dog running on the beach", "Portrait of a golden retriever dog"],
            captions: ["a dog sitting on the grass", "a brown and white dog laying on a bed", "a dog running in a field"],
            share: 1.0),
        SampleTopic(
            name: "forest", keywords: ["forest", "trees", "nature", "woods", "green", "tree", "fog", "autumn"],
            descriptions: ["Misty forest in the morning", "Sunlight through forest trees", "Autumn forest path", "Pine forest after the rain"],
            captions: ["a forest filled with lots of tall trees", "a path in the middle of a forest", "sunlight shining through the trees of a forest"],
            share: 1.2),
        SampleTopic(
            name: "food", keywords: ["food", "healthy food", "dinner", "pizza", "salad", "cooking", "restaurant", "vegan"],
            descriptions: ["Healthy food bowl with vegetables", "Homemade pizza food photography", "Dinner food on a rustic table", "Fresh salad, vegan food"],
            captions: ["a plate of food on a table", "a bowl of food with vegetables", "a pizza and other food on a wooden table"],
            share: 1.1),
        SampleTopic(
            name: "flower", keywords: ["flower", "flowers", "rose", "spring", "floral", "garden", "pink", "tulips"],
            descriptions: ["Pink flower in spring", "Bouquet of roses and flowers", "Field of tulip flowers", "Flower garden in bloom"],
            captions: ["a close up of a pink flower", "a bunch of flowers in a vase", "a field of red and yellow flowers"],
            share: 1.0),
        SampleTopic(
            name: "cat", keywords: ["cat", "kitten", "cats", "cute cat", "pet", "animal", "black cat", "kitty"],
            descriptions: ["Cat sleeping in the sun", "Curious kitten looking at the camera", "Black cat on a windowsill", "Cat playing with yarn"],
            captions: ["a cat laying on a couch", "a black and white cat sitting on a window sill", "a small cat looking up at the camera"],
            share: 0.9),
        SampleTopic(
            name: "desert", keywords: ["desert", "sand", "dunes", "sahara", "dry", "cactus", "travel", "morocco"],
            descriptions: ["Sand dunes in the desert", "Desert road at dusk", "Cactus in the Arizona desert", "Camels crossing the desert"],
            captions: ["a desert landscape with sand dunes", "a cactus in the middle of a desert", "a road in the middle of a desert"],
            share: 0.6),
        SampleTopic(
            name: "car", keywords: ["car", "cars", "vintage car", "road", "porsche", "sports car", "vehicle", "drive"],
            descriptions: ["Vintage car on an empty road", "Red sports car at night", "Classic car parked downtown", "Car driving through the mountains"],
            captions: ["a car parked on the side of a road", "a red sports car parked in a parking lot", "an old car parked in front of a building"],
            share: 0.8),
    ]
}
